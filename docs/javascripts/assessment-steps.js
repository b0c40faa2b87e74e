// The self-assessment one step at a time. Which step follows which is the engine's (upperback.flow): the page
// knows only the plain order written into it at build time (data-next), and asks the engine once it is ready,
// so that at high pain the flow goes straight to the plan. Without JavaScript every step shows on one page.
// A half-done assessment is kept on the device (UpperBackStorage) and filled back in on return, except the warning
// signs: they are always asked again.
(function () {
  const { ask } = window.UpperBackEngine;
  const store = window.UpperBackStorage;

  function fill(form, answers, activities) {
    for (const box of form.querySelectorAll("input[name=conditions]")) box.checked = Boolean(answers.conditions && answers.conditions[box.value]);
    const none = form.querySelector("input[name=conditions_none]");
    if (answers.conditions && !Object.values(answers.conditions).some(Boolean)) none.checked = true;
    for (const [check, outcome] of Object.entries(answers.checks || {})) {
      const radio = form.querySelector(`input[type=radio][name="${CSS.escape(check)}"][value="${CSS.escape(outcome)}"]`);
      if (radio) radio.checked = true;
    }
    for (const key of ["pain", "age_band", "pain_duration"]) {
      const field = form.querySelector(`select[name=${key}]`);
      if (answers[key] !== undefined && [...field.options].some((o) => o.value === String(answers[key]))) field.value = String(answers[key]);
    }
    if (window.UpperBackMeasures) window.UpperBackMeasures.fillMeasures(form, answers.measures);
    const names = form.querySelectorAll("input[name=activity_name]");
    const scores = form.querySelectorAll("select[name=activity_score]");
    (activities || []).slice(0, names.length).forEach((activity, i) => { names[i].value = activity.name; scores[i].value = String(activity.score); });
  }

  function setUp() {
    const form = document.getElementById("ub-assessment-form");
    if (!form) return;
    const box = document.getElementById("ub-assessment");
    const { readAnswers, readActivities } = window.UpperBackAssessment;
    const steps = [...form.querySelectorAll(".ub-step")];
    const markers = [...form.querySelectorAll("[data-step-marker]")];
    const visited = [];
    form.classList.add("ub-stepped");
    form.querySelector(".ub-stepper").hidden = false;
    for (const nav of form.querySelectorAll(".ub-step-nav, [data-step-back]")) nav.hidden = false;

    const draft = () => {
      const answers = readAnswers(form);
      delete answers.red_flags;  // warning signs are never kept
      return JSON.stringify({ answers, activities: readActivities(form) });
    };
    function show(id, focus) {
      for (const step of steps) step.hidden = step.dataset.step !== id;
      for (const marker of markers) {
        if (marker.dataset.stepMarker === id) marker.setAttribute("aria-current", "step");
        else marker.removeAttribute("aria-current");
      }
      if (focus) {
        const heading = steps.find((step) => step.dataset.step === id).querySelector("h2");
        heading.focus();
        heading.scrollIntoView({ block: "start" });
      }
    }
    const current = () => steps.find((step) => !step.hidden);
    async function next() {
      const step = current();
      let following = step.dataset.next;
      if (box.dataset.engine === "ready") {
        const reply = await ask({ op: "next_step", step: step.dataset.step, answers: readAnswers(form) });
        if (reply.ok) following = reply.next;
      }
      store.writeDraft(draft());
      if (following === "plan") { form.requestSubmit(); return; }
      visited.push(step.dataset.step);
      show(following, true);
    }
    for (const button of form.querySelectorAll("[data-step-next]")) button.addEventListener("click", next);
    for (const button of form.querySelectorAll("[data-step-back]")) {
      button.addEventListener("click", () => { if (visited.length) show(visited.pop(), true); });
    }
    form.addEventListener("submit", () => { store.writeDraft(draft()); markers.forEach((m) => m.removeAttribute("aria-current")); });
    show(steps[0].dataset.step, false);

    // Coming back: offer to fill in what was answered last time (a draft, else the last saved check-ins).
    (async () => {
      let saved = null;
      try { saved = JSON.parse((await store.readDraft()) || "null"); } catch { saved = null; }
      const resume = form.querySelector(".ub-resume");
      if (!saved || !saved.answers) return;
      const button = resume.querySelector("[data-resume]");
      resume.hidden = false;
      button.addEventListener("click", () => { fill(form, saved.answers, saved.activities); resume.hidden = true; });
    })();
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
