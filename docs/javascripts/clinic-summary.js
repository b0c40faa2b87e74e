// The progress summary a patient brings back (upperback.clinic_summary): made on /progress/ from what this device
// keeps, carried in a #s= link, and shown on /clinicians/summary/. The engine makes the figures, words and link and
// checks a link on opening; this script fills the sheet with textContent only.
(function () {
  const { attach, ask, el, today, words } = window.UpperBackEngine;  // attach: the clinician's page only

  function rows(table, cells) {
    table.querySelector("tbody").replaceChildren(...cells.map((row) => el("tr", {}, ...row.map((text, i) =>
      i === 0 ? el("th", { scope: "row" }, String(text)) : el("td", {}, String(text))))));
  }

  function fill(sheet, view) {
    const $ = (selector) => sheet.querySelector(selector);
    $(".ub-sheet-title").textContent = view.title;
    $(".ub-sheet-made").textContent = view.made;
    $(".ub-sheet-pain-text").textContent = view.pain_text;
    rows($(".ub-sheet-pain"), view.pain.map((p) => [p.date, p.value]));
    $(".ub-sheet-pain").hidden = !view.pain.length;
    rows($(".ub-sheet-activities"), view.activities.map((a) => [a.name, a.first, a.last, a.text]));
    rows($(".ub-sheet-checks"), view.checks.map((c) => [c.title, c.first, c.last, c.change]));
    $(".ub-sheet-adherence").textContent = view.adherence;
    $(".ub-sheet-caution").textContent = view.caution;
    sheet.hidden = false;
  }

  async function showQr(container, link) {
    const reply = await ask({ op: "qr", text: link });  // the handout's QR limit (upperback.handout.qr_matrix)
    if (!reply.ok) { container.replaceChildren(el("p", { class: "ub-error" }, reply.error + ".")); return; }
    container.replaceChildren(window.UpperBackQr.qrCode(reply.matrix, words(container).qr_label));
  }

  function setUpMaker(section) {  // on /progress/, shown by progress.js once there is an entry
    const store = window.UpperBackStorage;
    const error = section.querySelector(".ub-summary-error");
    section.querySelector("[data-action=summary]").addEventListener("click", async () => {
      const reply = await ask({ op: "summary_make", store: await store.read(), log: await store.readSessions(), today: today() });
      error.hidden = reply.ok;
      if (!reply.ok) { error.replaceChildren(el("p", { class: "ub-error" }, reply.error)); return; }
      const link = new URL(section.dataset.root + reply.share, location.href).href;
      section.querySelector("[data-summary-open]").href = link;
      section.querySelector("#ub-summary-link").value = link;
      fill(section.querySelector(".ub-summary-sheet"), reply.view);
      section.querySelector(".ub-summary-result").hidden = false;
      await showQr(section.querySelector(".ub-qr"), link);
    });
  }

  function setUpViewer(box) {  // on /clinicians/summary/
    const print = box.querySelector("[data-action=print]");
    print.addEventListener("click", () => window.print());
    attach(box, async () => {
      if (!location.hash.startsWith(box.dataset.prefix)) return;
      box.querySelector(".ub-summary-empty").hidden = true;
      const reply = await ask({ op: "summary_open", fragment: location.hash });
      box.dataset.checked = "true";
      const problems = box.querySelector(".ub-problems");
      problems.hidden = reply.ok;
      if (!reply.ok) {
        const lead = el("strong", {}, words(box).cannot_open);
        problems.replaceChildren(el("p", { class: "ub-error" }, lead, reply.error + "."));
        return;
      }
      fill(box.querySelector(".ub-summary-sheet"), reply.view);
      box.querySelector(".ub-summary-actions").hidden = false;
    });
  }

  function setUp() {
    const progress = document.getElementById("ub-progress");
    const section = progress && progress.querySelector(".ub-summary-make");
    if (section) setUpMaker(section);
    const viewer = document.getElementById("ub-clinic-summary");
    if (viewer) setUpViewer(viewer);
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
