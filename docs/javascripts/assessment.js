// The assessment page: starts the Python engine in a Web Worker, turns the form into answers, shows the plan.
// The engine decides everything (status, advice, items, reasons, share link); this script only moves data and
// renders it with textContent, so nothing from a link or the engine is ever inserted as HTML.
(function () {
  const scriptUrl = document.currentScript.src;  // the worker sits beside this file
  // Pyodide can hang, not fail, when a download is blocked; after this long the page says so (and still
  // enables the form if the engine arrives later). Tests shorten it through window.__ubLoadTimeoutMs.
  const LOAD_TIMEOUT_MS = window.__ubLoadTimeoutMs || 60000;
  let worker = null;      // one worker for the whole visit: it survives Material's instant navigation
  let ready = null;       // resolves when the engine has loaded
  let nextId = 0;
  const waiting = new Map();

  function startEngine(base) {
    if (ready) return ready;
    ready = new Promise((resolve, reject) => {
      worker = new Worker(new URL("assessment-worker.mjs", scriptUrl), { type: "module" });
      worker.onmessage = ({ data }) => {
        if (data.type === "ready") resolve();
        else if (data.type === "failed") reject(new Error(data.message));
        else if (data.type === "reply") { waiting.get(data.id)(JSON.parse(data.reply)); waiting.delete(data.id); }
      };
      worker.onerror = (event) => reject(new Error(event.message || "the engine script did not load"));
      worker.postMessage({ type: "start", base });
    });
    ready.catch(() => { ready = null; worker && worker.terminate(); worker = null; });
    return ready;
  }

  function ask(request) {
    return new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      worker.postMessage({ type: "request", id, request });
    });
  }

  // The form as the engine's answers JSON (see upperback.answers). No decisions here: only what was ticked.
  function readAnswers(form) {
    const data = new FormData(form);
    const answers = { red_flags: {}, checks: {} };
    for (const id of data.getAll("red_flags")) answers.red_flags[id] = true;
    for (const fieldset of form.querySelectorAll("fieldset.ub-check")) {
      const chosen = fieldset.querySelector("input[type=radio]:checked");
      if (chosen && chosen.value) answers.checks[chosen.name] = chosen.value;
    }
    if (data.get("pain")) answers.pain = Number(data.get("pain"));
    for (const key of ["age_band", "pain_duration"]) if (data.get(key)) answers[key] = data.get(key);
    return answers;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  function renderPlan(root, section, plan) {
    const body = section.querySelector(".ub-plan-body");
    body.replaceChildren();
    const status = el("p", { "data-status": plan.status, class: `ub-status ub-status--${plan.status}` }, el("strong", {}, plan.headline));
    body.append(status);
    if (plan.advice.length) {
      const list = el("ul", { class: "ub-advice" });
      for (const advice of plan.advice) list.append(el("li", { "data-level": advice.level }, el("strong", {}, advice.action), " ", advice.reason));
      body.append(el("h3", {}, "What to do first"), list);
    }
    for (const phase of plan.phases) {
      const list = el("ol", { class: "ub-items" });
      for (const item of phase.items) {
        list.append(el("li", {},
          el("a", { href: root + item.url, "data-exercise": item.exercise }, item.title),
          el("span", { class: "ub-dosage" }, ` ${item.dosage}.`),
          el("p", { class: "ub-reason" }, "Why: " + item.reason)));
      }
      body.append(el("h3", {}, phase.title), el("p", {}, phase.goal), list);
    }
    for (const note of plan.notes) body.append(el("p", { class: "ub-note" }, note));
    if (plan.next_checks.length) {
      const list = el("ul", {});
      for (const check of plan.next_checks) list.append(el("li", {}, el("a", { href: root + check.url }, check.title)));
      body.append(el("h3", {}, "Check-ins to do next"), list);
    }
    const link = new URL(root + plan.share, location.href).href;
    body.append(el("h3", {}, "Keep or share this plan"),
      el("p", {}, "This link reopens the same plan. Your answers are kept after the # sign, which is never sent to a server."),
      el("p", {}, el("input", { type: "text", readonly: "", value: link, class: "ub-share", "aria-label": "Link to this plan" })),
      el("p", {}, el("button", { type: "button", class: "md-button", "data-print": "" }, "Print this plan")));
    body.querySelector("[data-print]").addEventListener("click", () => window.print());
    history.replaceState(null, "", plan.share.slice(plan.share.indexOf("#")));
    section.hidden = false;
    section.focus();
  }

  function renderError(section, message) {
    const body = section.querySelector(".ub-plan-body");
    body.replaceChildren(el("p", { class: "ub-error", role: "alert" }, el("strong", {}, "We could not make a plan. "), message));
    section.hidden = false;
    section.focus();
  }

  function setUp() {
    const box = document.getElementById("ub-assessment");
    if (!box) return;
    const form = document.getElementById("ub-assessment-form");
    const section = document.getElementById("ub-plan");
    const loading = box.querySelector(".ub-engine-loading");
    const failed = box.querySelector(".ub-engine-failed");
    const submit = form.querySelector("button[type=submit]");
    const root = box.dataset.root;
    box.querySelector(".ub-noscript-note").hidden = true;
    loading.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      await ready;
      const reply = await ask({ op: "assess", answers: readAnswers(form) });
      reply.ok ? renderPlan(root, section, reply.plan) : renderError(section, reply.error);
    });
    const showFailure = () => {
      loading.hidden = true;
      failed.hidden = false;
      box.dataset.engine = "failed";
    };
    const timer = setTimeout(showFailure, LOAD_TIMEOUT_MS);
    startEngine(new URL(box.dataset.pyodide, location.href).href).then(async () => {
      clearTimeout(timer);
      loading.hidden = true;
      failed.hidden = true;
      submit.disabled = false;
      box.dataset.engine = "ready";
      performance.mark("ub-engine-ready");  // read by benchmarks/assessment_speed.py
      if (location.hash.startsWith("#a=")) {
        const reply = await ask({ op: "link", fragment: location.hash });
        reply.ok ? renderPlan(root, section, reply.plan) : renderError(section, reply.error);
      }
    }, (error) => {
      clearTimeout(timer);
      showFailure();
      console.warn("assessment engine:", error.message);
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
