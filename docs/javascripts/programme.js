// The programme builder and the patient view. The engine (upperback.handout) checks every programme, words
// every dosage and problem, makes the link and the QR code; this script only edits a list and renders with
// textContent and SVG elements, so nothing from a link is ever inserted as HTML.
(function () {
  const { attach, ask, el, linkKind, words, fill } = window.UpperBackEngine;
  const SVG = "http://www.w3.org/2000/svg";
  const LINES = ["clinician", "contact", "review"];  // the optional lines, kept in the link only when filled in

  function qrCode(matrix, label) {
    const quiet = 4, size = matrix.length + 2 * quiet;
    const drawing = document.createElementNS(SVG, "svg");
    drawing.setAttribute("viewBox", `0 0 ${size} ${size}`);
    drawing.setAttribute("role", "img");
    drawing.setAttribute("aria-label", label);
    drawing.setAttribute("class", "ub-qr-code");
    const background = document.createElementNS(SVG, "rect");
    for (const [k, v] of Object.entries({ width: size, height: size, fill: "#fff" })) background.setAttribute(k, v);
    drawing.append(background);
    let d = "";
    matrix.forEach((row, y) => row.forEach((cell, x) => { if (cell) d += `M${x + quiet} ${y + quiet}h1v1h-1z`; }));
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "#000");
    drawing.append(path);
    return drawing;
  }

  async function showQr(container, link) {
    const reply = await ask({ op: "qr", text: link });
    const said = words(container);  // upperback.page_words
    if (!reply.ok) {
      container.replaceChildren(el("p", { class: "ub-error" }, el("strong", {}, said.no_qr), reply.error + "."));
      return;
    }
    const drawing = qrCode(reply.matrix, said.qr_label);
    drawing.style.setProperty("--ub-qr-print-size", `${container.dataset.printMm}mm`);  // the size the QR limit was measured at
    container.replaceChildren(drawing);
  }

  window.UpperBackQr = { qrCode };  // the progress summary's QR code is drawn the same way (clinic-summary.js)

  function showProblems(box, problems) {
    const area = box.querySelector(".ub-problems");
    area.hidden = !problems.length;
    const said = words(box);
    area.replaceChildren(...(problems.length ? [el("p", {}, el("strong", {}, said.problems), said.problems_rest),
      el("ul", {}, ...problems.map((p) => el("li", {}, p)))] : []));
  }

  function showError(box, message, making) {
    const area = box.querySelector(".ub-problems");
    area.hidden = false;
    const lead = making ? words(box).no_link : words(box).cannot_open;
    area.replaceChildren(el("p", { class: "ub-error" }, el("strong", {}, lead), message + (making ? "." : "")));
    if (making) area.scrollIntoView({ block: "nearest" });
  }

  function showNote(box, message) {
    const area = box.querySelector(".ub-problems");
    area.hidden = false;
    area.replaceChildren(el("p", { class: "ub-error" }, message));
    area.scrollIntoView({ block: "nearest" });
  }

  // -- Builder ---------------------------------------------------------------
  // Labels, ranges and messages come from the page (upperback.handout.catalogue, built from BOUNDS) and from the
  // engine: each dose is checked by the engine as it is typed (op dose_check); until the engine is ready the field
  // says its checks are loading. Techniques can be added before the engine is ready.
  function setUpBuilder(box) {
    const catalogue = JSON.parse(document.getElementById("ub-catalogue").textContent);
    const said = words(box);  // upperback.page_words: the list's button labels
    const list = document.getElementById("ub-programme-items");
    const result = document.getElementById("ub-builder-result");
    const announce = document.getElementById("ub-builder-announce");
    const text = catalogue.text;
    const items = [];  // [{exercise, dosage, typed: {key: text}, problems: {key: message}}]
    let engineReady = false, checks = 0;
    const pending = new Set();  // dose checks still on their way: the link waits for them

    function syncAddButtons() {
      const chosen = new Set(items.map((item) => item.exercise));
      for (const button of box.querySelectorAll("[data-add]")) {
        const added = chosen.has(button.dataset.add);
        button.disabled = added;
        const label = button.querySelector("[data-add-label]");
        label.dataset.text = label.dataset.text || label.textContent;  // the page's own "Add"
        label.textContent = added ? text.already : label.dataset.text;
      }
    }

    async function check(item, key, input, note) {
      if (!engineReady) { note.textContent = text.loading; return; }
      const mine = ++checks;
      input.dataset.checking = String(mine);
      const reply = await ask({ op: "dose_check", field: key, value: input.value });
      if (input.dataset.checking !== String(mine)) return;  // a later keystroke has its own check
      const message = reply.ok ? reply.check.message : reply.error;
      if (reply.ok && reply.check.ok) { item.dosage[key] = reply.check.value; delete item.problems[key]; }
      else item.problems[key] = message;
      note.textContent = message;
      input.setAttribute("aria-invalid", item.problems[key] ? "true" : "false");
      delete input.dataset.checking;
    }

    function doseField(item, index, key) {
      const field = catalogue.fields[key];
      const [min, max] = catalogue.bounds[key];
      const id = `ub-dose-${index}-${key}`;
      const value = key in item.typed ? item.typed[key] : item.dosage[key];
      const input = el("input", { id, type: "number", inputmode: "numeric", min, max, step: 1, value, "data-field": key,
        "aria-describedby": `${id}-range ${id}-check`, "aria-invalid": item.problems[key] ? "true" : "false" });
      const note = el("span", { id: `${id}-check`, class: "ub-dose-check" }, item.problems[key] || (engineReady ? "" : text.loading));
      input.addEventListener("input", () => {
        item.typed[key] = input.value;
        const checking = check(item, key, input, note);
        pending.add(checking);
        checking.finally(() => pending.delete(checking));
      });
      return el("span", { class: "ub-dose" }, el("label", { for: id }, field.label), input,
        el("span", { id: `${id}-range`, class: "ub-dose-range" }, field.range), note);
    }

    function render() {
      box.querySelector(".ub-programme-empty").hidden = items.length > 0;
      list.replaceChildren(...items.map((item, index) => {
        const info = catalogue.exercises[item.exercise];
        const button = (label, action, name) => {
          const b = el("button", { type: "button", class: "md-button ub-small", "aria-label": fill(name, info) },
            label);
          b.addEventListener("click", action);
          return b;
        };
        return el("li", { "data-item": item.exercise }, el("strong", {}, info.title),
          el("div", { class: "ub-doses" }, ...Object.keys(item.dosage).map((key) => doseField(item, index, key))),
          el("div", { class: "ub-item-actions" },
            button(said.up, () => {
              if (index > 0) { items.splice(index - 1, 0, items.splice(index, 1)[0]); render(); }
            }, said.move_up),
            button(said.down, () => {
              if (index < items.length - 1) { items.splice(index + 1, 0, items.splice(index, 1)[0]); render(); }
            }, said.move_down),
            button(said.remove, () => { items.splice(index, 1); render(); }, said.remove_label)));
      }));
      syncAddButtons();
    }

    const fresh = (exercise, dosage) => ({ exercise, dosage: { ...dosage }, typed: {}, problems: {} });

    for (const addButton of box.querySelectorAll("[data-add]")) {
      addButton.addEventListener("click", () => {
        const id = addButton.dataset.add;
        if (items.some((item) => item.exercise === id)) return;
        if (items.length >= catalogue.limits.items) { announce.textContent = text.full; showNote(box, text.full); return; }
        items.push(fresh(id, catalogue.exercises[id].dosage));
        render();
        const added = list.lastElementChild;
        added.scrollIntoView({ block: "nearest" });
        announce.textContent = fill(text.added, { title: catalogue.exercises[id].title, count: items.length, most: catalogue.limits.items });
      });
      addButton.disabled = false;  // adding needs only this page's catalogue, not the engine
    }

    for (const templateButton of box.querySelectorAll("[data-template]")) {
      templateButton.addEventListener("click", () => {
        const template = catalogue.templates.find((t) => t.id === templateButton.dataset.template);
        items.splice(0, items.length, ...template.items.map((item) => fresh(item.exercise, item.dosage)));
        render();
        list.scrollIntoView({ block: "nearest" });
        announce.textContent = fill(text.template, { title: template.title, count: items.length });
      });
      templateButton.disabled = false;
    }

    box.querySelector("[data-action=create]").addEventListener("click", async () => {
      await Promise.all([...pending]);
      if (items.some((item) => Object.keys(item.problems).length)) { result.hidden = true; showNote(box, text.fix); return; }
      const state = { items: items.map(({ exercise, dosage }) => ({ exercise, dosage })),
        note: document.getElementById("ub-note").value, name: document.getElementById("ub-name").value };
      for (const key of LINES) { const value = document.getElementById(`ub-${key}`).value; if (value) state[key] = value; }
      if (document.getElementById("ub-adjust").checked) state.adjust = true;  // off: the link stays as it was
      const reply = await ask({ op: "programme_make", state });
      if (!reply.ok) { result.hidden = true; showError(box, reply.error, true); return; }
      showProblems(box, reply.view.problems);
      const link = new URL(box.dataset.root + reply.view.share, location.href).href;
      document.getElementById("ub-builder-link").value = link;
      result.querySelector("[data-open-patient]").href = link;
      history.replaceState(null, "", reply.view.share.slice(reply.view.share.indexOf("#")));
      await showQr(result.querySelector(".ub-qr"), link);
      result.hidden = false;
      result.focus();
    });

    async function restore(fragment) {  // a programme made before, opened for editing
      const reply = await ask({ op: "programme_link", fragment });
      if (!reply.ok) { showError(box, reply.error); return; }
      items.splice(0, items.length, ...reply.view.state.items.map((item) => fresh(item.exercise, item.dosage)));
      document.getElementById("ub-note").value = reply.view.state.note;
      document.getElementById("ub-name").value = reply.view.state.name;
      for (const key of LINES) document.getElementById(`ub-${key}`).value = reply.view.state[key] || "";
      document.getElementById("ub-adjust").checked = Boolean(reply.view.state.adjust);
      showProblems(box, reply.view.problems);
      render();
    }

    const opener = box.querySelector(".ub-open-link");
    opener.addEventListener("submit", (event) => {
      event.preventDefault();
      const typed = opener.querySelector("input").value.trim();
      const hash = typed.includes("#") ? typed.slice(typed.indexOf("#")) : typed;
      if (hash.startsWith(box.dataset.summaryPrefix)) {  // a patient's progress summary: its own page reads it
        location.assign(box.dataset.summaryPage + hash);
        return;
      }
      restore(typed.includes("#") ? typed.slice(typed.indexOf("#")) : typed);  // the engine says what a bad link lacks
    });

    attach(box, async () => {
      engineReady = true;
      for (const button of box.querySelectorAll("[data-action=create], .ub-open-link button")) button.disabled = false;
      if (linkKind(location.hash) === "programme") await restore(location.hash);
      for (const input of list.querySelectorAll("input[data-field]")) {  // what was typed while the checks loaded
        const item = items[Number(input.id.split("-")[2])];
        await check(item, input.dataset.field, input, document.getElementById(`${input.id}-check`));
      }
    });
  }

  // -- Patient view and handout --------------------------------------------------
  // Each technique's block and log row are in the page from build time (upperback.handout_page); the engine's reply
  // says which, in what order, and words each dose. A block a link names twice is shown twice (a copy).
  function placeItems(box, ids) {
    const list = box.querySelector(".ub-handout-items"), log = box.querySelector(".ub-log-rows");
    const pool = box.querySelector(".ub-handout-pool"), logPool = box.querySelector(".ub-log-pool");
    for (const block of [...list.children]) { if (block.id) pool.append(block); else block.remove(); }  // copies go
    for (const row of [...log.querySelectorAll("[data-log-item]")]) {
      if (logPool.querySelector(`[data-log-item="${CSS.escape(row.dataset.logItem)}"]`)) row.remove(); else logPool.append(row);
    }
    const blocks = [], rows = [];
    for (const id of ids) {
      const block = pool.querySelector(`[data-item="${CSS.escape(id)}"]`);
      const row = logPool.querySelector(`[data-log-item="${CSS.escape(id)}"]`);
      if (!block) continue;
      if (!blocks.includes(block)) { blocks.push(block); rows.push(row); continue; }
      const twin = block.cloneNode(true);  // the same technique twice (a link from before duplicates were refused)
      twin.removeAttribute("id");  // ids stay unique on the page
      blocks.push(twin);
      rows.push(row.cloneNode(true));
    }
    list.replaceChildren(...blocks);
    log.replaceChildren(...rows, log.querySelector(".ub-log-pain"));
    return blocks;
  }

  function showLine(handout, selector, text) {
    const line = handout.querySelector(selector);
    (line.querySelector("[data-line]") || line).textContent = text;
    line.hidden = !text;
  }

  // Before the engine is ready: read which techniques the link names (the fragment is upperback.fragments' zlib JSON
  // in base64url) and show their build-time blocks. A block keeps its build-time dose only when the link's dose is
  // that usual one; otherwise its dose line says it is being checked. Anything unreadable shows nothing early: the
  // engine then reads the link, words every problem and replaces all of this.
  async function linkedProgramme(box, hash) {
    try {
      const data = hash.slice(3);
      if (!data || data.length > Number(box.dataset.maxLink)) return null;
      const bytes = Uint8Array.from(atob(data.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
      const stream = new Blob([bytes]).stream();
      const text = bytes[0] === 0x78 ? await new Response(stream.pipeThrough(new DecompressionStream("deflate"))).text()
        : new TextDecoder().decode(bytes);
      const state = JSON.parse(text);
      return Array.isArray(state.items) ? state.items.slice(0, Number(box.dataset.readItems)) : null;
    } catch {
      return null;
    }
  }

  function sameDose(usual, dose) {
    if (dose === undefined) return true;
    if (!dose || typeof dose !== "object") return false;
    const keys = Object.keys(usual);
    return Object.keys(dose).length === keys.length && keys.every((k) => dose[k] === usual[k]);
  }

  async function preview(box) {
    const items = await linkedProgramme(box, location.hash);
    if (!items || box.dataset.checked) return;
    const known = items.filter((item) => item && typeof item.exercise === "string"
      && box.querySelector(`.ub-handout-pool > [data-item="${CSS.escape(item.exercise)}"]`));
    if (!known.length) return;
    const blocks = placeItems(box, known.map((item) => item.exercise));
    blocks.forEach((block, i) => {
      if (!sameDose(JSON.parse(block.dataset.usualDose), known[i].dosage)) {
        block.querySelector("[data-dose]").textContent = box.dataset.doseChecking;
        block.dataset.doseWaiting = "";
      }
    });
    box.querySelector(".ub-handout").hidden = false;
    // If the engine cannot load, a changed dose is never read: say so rather than "checking" for ever.
    const failed = () => {
      if (box.dataset.engine !== "failed") return false;
      for (const dose of box.querySelectorAll("[data-dose-waiting] [data-dose]")) dose.textContent = box.dataset.doseUnchecked;
      return true;
    };
    if (!failed()) new MutationObserver((_, watch) => { if (failed()) watch.disconnect(); })
      .observe(box, { attributes: true, attributeFilter: ["data-engine"] });
  }

  function setUpPatient(box) {
    const root = box.dataset.root;
    const site = new URL(root, location.href).href;
    const handout = box.querySelector(".ub-handout");
    const print = box.querySelector("[data-action=print]");
    print.addEventListener("click", () => window.print());
    if (linkKind(location.hash) === "programme") {
      box.querySelector(".ub-patient-empty").hidden = true;
      preview(box);
    }
    attach(box, async () => {
      if (!linkKind(location.hash) === "programme") return;
      const reply = await ask({ op: "programme_link", fragment: location.hash, site });
      box.dataset.checked = "true";
      if (!reply.ok) { handout.hidden = true; showError(box, reply.error); return; }
      const view = reply.view;
      showProblems(box, view.problems);
      const said = words(box);
      handout.querySelector(".ub-handout-title").textContent = view.name ? fill(said.title_named, view) : said.title;
      showLine(handout, ".ub-handout-note", view.note);
      showLine(handout, ".ub-handout-clinician", view.clinician);
      showLine(handout, ".ub-handout-contact", view.contact);
      showLine(handout, ".ub-handout-review", view.review);
      const blocks = placeItems(box, view.items.map((item) => item.exercise));
      blocks.forEach((block, i) => { block.querySelector("[data-dose]").textContent = view.items[i].dosage; });
      const link = new URL(root + view.share, location.href).href;
      handout.querySelector(".ub-handout-link").textContent = view.link_line;
      handout.querySelector(".ub-handout-adjust").textContent = view.adjust;
      const start = handout.querySelector("[data-start-session]");  // the guided session (upperback.session_links)
      start.closest(".ub-session-start").hidden = !view.session;
      if (view.session) { start.href = root + view.session.href; start.textContent = view.session.text; }
      handout.hidden = false;
      await showQr(handout.querySelector(".ub-qr"), link);
      print.disabled = false;
    });
  }

  function setUp() {
    const builder = document.getElementById("ub-builder");
    if (builder) setUpBuilder(builder);
    const patient = document.getElementById("ub-patient");
    if (patient) setUpPatient(patient);
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
