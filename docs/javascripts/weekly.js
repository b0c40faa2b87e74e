// The weekly check-in page: reads what this browser keeps, asks the engine for the re-tailored plan and draws it.
// Every decision (whether a check-in is due, what changes and why, the barrier question and its tip, the week's
// reading) is the engine's (upperback.weekly_view, upperback.retailor); this script renders with textContent only.
(function () {
  const { attach, ask, el, today } = window.UpperBackEngine;
  const store = window.UpperBackStorage;

  // The words this page shows come with the engine's view (upperback.weekly_view.WORDS), kept here for drawing.
  let words = {};

  function scoreSelect(id) {
    const select = el("select", { id, name: id }, el("option", { value: "" }, words.choose));
    for (let n = 0; n <= 10; n++) select.append(el("option", { value: String(n) }, String(n)));
    return select;
  }

  function drawForm(box, view) {
    const form = box.querySelector("#ub-weekly-form");
    const rows = box.querySelector(".ub-weekly-activity-rows");
    rows.replaceChildren(...view.activities.map((name, i) =>
      el("p", {}, el("label", { for: `ub-weekly-activity-${i + 1}` }, name), " ", scoreSelect(`ub-weekly-activity-${i + 1}`))));
    box.querySelector(".ub-weekly-activities").hidden = !view.activities.length;
    box.querySelector(".ub-weekly-from-log").hidden = !view.sessions_from_log;
    box.querySelector(".ub-weekly-ask-sessions").hidden = view.sessions_from_log;
    form.hidden = !view.due && !box.early;  // offered once a week has passed, or when the person asks for it
    box.querySelector(".ub-weekly-early").hidden = !form.hidden;
  }

  function number(form, name) {
    const value = form.elements[name].value;
    return value === "" ? null : Number(value);
  }

  function checkin(form, view) {
    const record = { date: today(), pain_now: number(form, "pain_now"), pain_worst: number(form, "pain_worst"),
      activities: [], global: (form.querySelector("input[name=global]:checked") || {}).value || null };
    view.activities.forEach((name, i) => {
      const score = number(form, `ub-weekly-activity-${i + 1}`);
      if (score !== null) record.activities.push({ name, score });
    });
    const news = form.querySelector("input[name=something_new]:checked");
    record.something_new = news ? news.value === "yes" : null;  // the engine asks for an answer if none
    if (record.something_new && form.elements.signs_answered.checked) {
      record.warning_signs = {};
      for (const box of form.querySelectorAll("input[name=weekly_red_flags]:checked")) record.warning_signs[box.value] = true;
    }
    if (!view.sessions_from_log && (form.elements.done.value !== "" || form.elements.planned.value !== "")) {
      record.sessions = { done: number(form, "done"), planned: number(form, "planned") };
    }
    return record;
  }

  async function save(box, record) {
    let reply = null;
    const written = await store.updateWeekly(async (old) => {  // under the lock: no other tab writes in between
      reply = await ask({ op: "weekly_add", weekly: old, checkin: record, today: today() });
      if (!reply.ok) return { ok: false, error: reply.error };
      if (reply.backup_old) return { ...(await store.backUpWeekly(old)), text: reply.text };  // keep unreadable text whole
      return { ok: true, text: reply.text };
    });
    box.querySelector(".ub-weekly-error").textContent = written.ok ? "" : written.error;
    return written.ok;
  }

  function drawWeek(box, root, week, latest) {
    const parts = [el("p", { class: "ub-weekly-summary", "data-verdict": week.verdict }, week.summary)];
    if (week.changes.length) {
      parts.push(el("ul", { class: "ub-weekly-changes" }, ...week.changes.map((c) =>
        el("li", { "data-kind": c.kind, "data-exercise": c.exercise || "" }, c.text))));
    }
    for (const advice of week.advice) {
      parts.push(el("div", { class: `ub-weekly-advice admonition ${advice.level === "info" ? "info" : "warning"}`, "data-advice": advice.id },
        el("p", {}, el("strong", {}, advice.action)), el("p", {}, advice.reason)));
    }
    const sessions = week.sessions;
    if (sessions) {
      parts.push(el("p", { class: "ub-weekly-sessions-text", "data-on-target": String(sessions.on_target) }, sessions.text));
      if (sessions.question && !sessions.tip) parts.push(barrierQuestion(box, sessions.question, latest));
      if (sessions.tip) {
        parts.push(el("p", { class: "ub-weekly-tip", "data-barrier": sessions.tip.barrier },
          el("strong", {}, `${sessions.tip.label}: `), sessions.tip.text, " ",
          el("a", { href: root + sessions.tip.href }, words.links[sessions.tip.link])));
      }
    }
    return parts;
  }

  function barrierQuestion(box, question, latest) {
    const set = el("fieldset", { class: "ub-weekly-barrier" }, el("legend", {}, question.text),
      ...question.options.map((o) => el("label", { class: "ub-choice" }, el("input", { type: "radio", name: "barrier", value: o.id }), ` ${o.label}`)));
    const button = el("button", { type: "button", class: "md-button", "data-action": "barrier" }, words.show_tip);
    button.addEventListener("click", async () => {
      const chosen = set.querySelector("input[name=barrier]:checked");
      if (!chosen) { box.querySelector(".ub-weekly-barrier-error").textContent = words.choose_barrier; return; }
      if (await save(box, { ...latest, barrier: chosen.value })) await refresh(box, true);
    });
    return el("div", {}, set, el("p", {}, button), el("p", { class: "ub-weekly-barrier-error", role: "alert" }));
  }

  function drawPlan(root, plan, piece) {
    if (plan.paused) return [el("p", { class: "ub-weekly-paused" }, words.paused)];
    const parts = [el("ul", { class: "ub-weekly-today" }, ...plan.today.map((item) =>
      el("li", { "data-exercise": item.exercise }, el("a", { href: root + item.url }, item.title))))];
    parts.push(el("p", {}, words.minutes, el("a", { href: root + "session/" }, words.start_session)));
    if (piece) {  // the week's reading sits beside the exercises, never on its own
      parts.push(el("p", { class: "ub-weekly-education", "data-piece": piece.id }, el("strong", {}, words.read_beside),
        el("a", { href: root + piece.url }, piece.title), words.reading));
    }
    if (plan.later.length) {
      parts.push(el("details", { class: "ub-weekly-later" }, el("summary", {}, words.later),
        el("ul", {}, ...plan.later.map((item) => el("li", { "data-exercise": item.exercise },
          el("a", { href: root + item.url }, item.title), `: ${item.when}`)))));
    }
    return parts;
  }

  const weekItems = (weeks) => weeks.slice().reverse().map((w) =>
    el("li", { "data-week": String(w.week), "data-verdict": w.verdict }, el("strong", {}, `${w.date}: `), w.summary,
      ...(w.changes.length ? [el("ul", {}, ...w.changes.map((c) => el("li", {}, c.text)))] : [])));

  // The weeks since the newest starting check-in, then those re-tailored from earlier starting points, as history.
  function drawHistory(weeks, earlier) {
    const parts = weeks.length ? [el("ol", { class: "ub-weekly-weeks", reversed: "" }, ...weekItems(weeks))]
      : [el("p", {}, words.no_weeks)];
    for (const part of earlier) {
      parts.push(el("h3", {}, part.heading),
        el("ol", { class: "ub-weekly-earlier", reversed: "", "data-start": part.start }, ...weekItems(part.weeks)));
    }
    return parts;
  }

  async function refresh(box, focus) {
    const root = box.dataset.root;
    const reply = await ask({ op: "weekly_view", store: await store.read(), weekly: await store.readWeekly(),
      log: await store.readSessions(), today: today() });
    const problems = box.querySelector(".ub-weekly-problems");
    if (!reply.ok) { problems.hidden = false; problems.replaceChildren(el("p", { class: "ub-error" }, reply.error)); return; }
    const view = reply.view;
    problems.hidden = !view.problems.length;
    problems.replaceChildren(...view.problems.map((p) => el("p", {}, p)));
    const status = box.querySelector(".ub-weekly-status");
    status.hidden = false;
    status.dataset.due = String(view.due);
    status.textContent = view.message;
    box.querySelector(".ub-weekly-start").hidden = Boolean(view.start);
    const result = box.querySelector(".ub-weekly-result");
    if (!view.start || !view.retailored || !view.retailored.plan) {
      box.querySelector("#ub-weekly-form").hidden = true;
      box.querySelector(".ub-weekly-early").hidden = true;
      result.hidden = true;
      return;
    }
    box.view = view;
    words = view.words;
    drawForm(box, view);
    const weeks = view.retailored.weeks;
    const latest = weeks[weeks.length - 1];
    box.querySelector("#ub-weekly-result-heading").hidden = !latest;
    box.querySelector(".ub-weekly-week").replaceChildren(...(latest ? drawWeek(box, root, latest, view.latest) : []));
    box.querySelector(".ub-weekly-plan").replaceChildren(...drawPlan(root, view.retailored.plan, latest ? latest.education : null));
    box.querySelector(".ub-weekly-history").replaceChildren(...drawHistory(weeks, view.earlier));
    result.hidden = false;
    if (focus) box.querySelector("#ub-weekly-result-heading").focus();
  }

  function setUp() {
    const box = document.getElementById("ub-weekly");
    if (!box) return;
    const form = box.querySelector("#ub-weekly-form");
    box.querySelector("[data-action=early]").addEventListener("click", () => {
      box.early = true;
      form.hidden = false;
      box.querySelector(".ub-weekly-early").hidden = true;
      box.querySelector("#ub-weekly-pain-now").focus();
    });
    form.addEventListener("change", (event) => {
      if (event.target.name === "something_new") box.querySelector(".ub-weekly-signs").hidden = event.target.value !== "yes";
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (box.dataset.engine !== "ready" || !box.view) return;
      if (await save(box, checkin(form, box.view))) {
        form.reset();
        box.early = false;
        box.querySelector(".ub-weekly-signs").hidden = true;
        await refresh(box, true);
      }
    });
    attach(box, () => refresh(box));
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
