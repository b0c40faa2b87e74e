// The assessment page: turns the form into answers, asks the engine (engine.js) for the plan, renders it,
// and saves the check-ins to this device's progress history. The engine decides everything (status, advice,
// items, reasons, share link, what is stored); this script only moves data and renders it with textContent,
// so nothing from a link or the engine is ever inserted as HTML.
(function () {
  const { attach, ask, el, today, linkKind, words, fill } = window.UpperBackEngine;
  const store = window.UpperBackStorage;
  let shownPlan = null;  // the engine's last reply on this page; Save reads the answers it carries

  // The form as the engine's answers JSON (see upperback.answers). No decisions here: only what was ticked.
  // A group left wholly blank is not sent: the engine reads a missing group as "not answered", never as "no".
  function readAnswers(form) {
    const data = new FormData(form);
    const answers = { checks: {} };
    if (data.getAll("red_flags").length || data.get("red_flags_none")) {
      answers.red_flags = {};
      for (const id of data.getAll("red_flags")) answers.red_flags[id] = true;
    }
    if (data.getAll("conditions").length || data.get("conditions_none")) {
      answers.conditions = {};
      for (const box of form.querySelectorAll("input[name=conditions]")) answers.conditions[box.value] = box.checked;
    }
    for (const fieldset of form.querySelectorAll("fieldset.ub-check")) {
      const chosen = fieldset.querySelector("input[type=radio]:checked");
      if (chosen && chosen.value) answers.checks[chosen.name] = chosen.value;
    }
    const measures = window.UpperBackMeasures ? window.UpperBackMeasures.readMeasures(form) : {};  // measures.js
    if (Object.keys(measures).length) answers.measures = measures;
    if (data.get("pain")) answers.pain = Number(data.get("pain"));
    for (const key of ["age_band", "pain_duration"]) if (data.get(key)) answers[key] = data.get(key);
    return answers;
  }

  function readActivities(form) {
    const names = form.querySelectorAll("input[name=activity_name]");
    const scores = form.querySelectorAll("select[name=activity_score]");
    const activities = [];
    names.forEach((name, i) => {
      if (name.value.trim() && scores[i].value !== "") activities.push({ name: name.value.trim(), score: Number(scores[i].value) });
    });
    return activities;
  }

  function renderPlan(root, section, plan) {
    const said = words(section);  // upperback.page_words: the plan's fixed headings and labels
    const body = section.querySelector(".ub-plan-body");
    body.replaceChildren();
    const alarm = plan.calls.length ? ` ub-alarm ub-alarm--${plan.status}` : "";  // the engine gives numbers only for emergency and same-day advice
    const headline = el("div", { "data-status": plan.status, class: `ub-status ub-status--${plan.status}${alarm}`, tabindex: "-1" },
      el("p", {}, el("strong", {}, plan.headline)));
    if (plan.calls.length) {
      headline.append(el("p", { class: "ub-calls" }, ...plan.calls.map((call) =>
        el("a", { class: "ub-call", href: `tel:${call.number}` }, fill(said.call, call),
          el("span", { class: "ub-call-where" }, fill(said.call_where, call))))));
    }
    body.append(headline);
    if (plan.advice.length) {
      const list = el("ul", { class: "ub-advice" });
      for (const advice of plan.advice) list.append(el("li", { "data-level": advice.level }, el("strong", {}, advice.action), " ", advice.reason));
      body.append(el("h3", {}, said.first), list);
    }
    if (plan.phases.length) body.append(el("p", { class: "ub-minutes" }, plan.minutes_text));
    if (plan.actions.includes("session")) {  // the guided session through today's exercises (upperback.session)
      const start = el("a", { class: "md-button md-button--primary", href: root + plan.session.href,
        "data-start-session": "" }, plan.session.text);
      body.append(el("p", {}, start));
    }
    for (const phase of plan.phases) {
      const list = el("ol", { class: "ub-items" });
      for (const item of phase.items) {
        list.append(el("li", {},
          el("a", { href: root + item.url, "data-exercise": item.exercise }, item.title),
          el("span", { class: "ub-dosage" }, ` ${item.dosage}.`),
          el("p", { class: "ub-reason" }, said.why + item.reason),
          ...item.cautions.map((text) => el("p", { class: "ub-caution" }, text))));
      }
      body.append(el("h3", {}, phase.title), el("p", {}, phase.goal), list);
    }
    if (plan.later.length) {
      const list = el("ul", { class: "ub-later" });
      for (const item of plan.later) list.append(el("li", {}, el("a", { href: root + item.url, "data-later": item.exercise }, item.title), " ", item.when));
      body.append(el("h3", {}, said.later), list);
    }
    if (plan.left_out.length) {
      const list = el("ul", { class: "ub-left-out" });
      for (const item of plan.left_out) list.append(el("li", {}, el("a", { href: root + item.url, "data-left-out": item.exercise }, item.title), " ", item.because));
      body.append(el("h3", {}, said.left_out), list);
    }
    for (const note of plan.notes) body.append(el("p", { class: "ub-note" }, note));
    if (plan.next_checks.length) {
      const list = el("ul", {});
      for (const check of plan.next_checks) list.append(el("li", {}, el("a", { href: root + check.url }, check.title)));
      body.append(el("h3", {}, said.next_checks), list);
    }
    // What may be done with the plan is the engine's choice (plan.actions); the page offers only those.
    const can = (action) => plan.actions.includes(action);
    if (can("share")) {
      const link = new URL(root + plan.share, location.href).href;
      body.append(el("h3", {}, said.share_heading), el("p", {}, said.share_text),
        el("p", {}, el("input", { type: "text", readonly: "", value: link, class: "ub-share",
          "aria-label": said.share_label })));
      history.replaceState(null, "", plan.share.slice(plan.share.indexOf("#")));
    }
    if (can("print")) {
      const button = el("button", { type: "button", class: "md-button", "data-print": "" }, said.print);
      button.addEventListener("click", () => window.print());
      body.append(el("p", {}, button));
    }
    section.querySelector(".ub-save").hidden = !can("save");
    shownPlan = plan;
    section.querySelector(".ub-save-status").textContent = "";
    section.hidden = false;
    headline.focus();  // focus, and so the scroll, lands on the headline: the first thing to read
  }

  function renderError(section, message) {
    section.querySelector(".ub-plan-body").replaceChildren(
      el("p", { class: "ub-error", role: "alert" }, el("strong", {}, words(section).failed), message));
    section.querySelector(".ub-save").hidden = true;
    shownPlan = null;
    section.hidden = false;
    section.focus();
  }

  async function save(form, section) {
    const status = section.querySelector(".ub-save-status");
    const said = words(section);
    // The answers this plan was made from, as the engine normalised them: a guided session can start from them.
    const entry = { date: section.querySelector("input[name=entry_date]").value, answers: shownPlan.answers, activities: readActivities(form) };
    let reply = null;
    const written = await store.update(async (old) => {  // under the lock: no other tab writes in between
      reply = await ask({ op: "progress_add", store: old, entry, today: today() });
      if (!reply.ok) return { ok: false, error: said.not_saved + reply.error };
      if (reply.backup_old_store) return { ...(await store.backUp(old)), text: reply.store };  // keep unreadable text whole first
      return { ok: true, text: reply.store };
    });
    if (!written.ok) { status.textContent = written.error; return; }
    const kept = await ask({ op: "durability", persisted: await store.persist(), last_export: await store.lastExport(), today: today() });
    const progressPage = form.closest("[data-root]").dataset.root + "progress/";
    status.replaceChildren(said.saved, el("a", { href: progressPage }, said.see_progress), ". ",
      kept.ok ? el("span", { "data-persisted": String(kept.durability.persisted) }, kept.durability.text) : "");
  }

  function setUp() {
    const box = document.getElementById("ub-assessment");
    if (!box) return;
    const form = document.getElementById("ub-assessment-form");
    const section = document.getElementById("ub-plan");
    const submit = form.querySelector("button[type=submit]");
    const root = box.dataset.root;
    section.querySelector("input[name=entry_date]").value = today();
    const show = (reply) => (reply.ok ? renderPlan(root, section, reply.plan) : renderError(section, reply.error));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      show(await ask({ op: "assess", answers: readAnswers(form) }));
    });
    section.querySelector(".ub-save button").addEventListener("click", () => save(form, section));
    attach(box, async () => {
      submit.disabled = false;
      const dates = await ask({ op: "date_bounds", today: today() });  // the engine's range for a check-in's date
      if (dates.ok) for (const end of ["min", "max"]) section.querySelector("input[name=entry_date]").setAttribute(end, dates.bounds[end]);
      if (linkKind(location.hash) === "plan") {
        const reply = await ask({ op: "link", fragment: location.hash });
        show(reply);
      }
    });
  }

  window.UpperBackAssessment = { readAnswers, readActivities };  // for the steps script (assessment-steps.js)
  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
