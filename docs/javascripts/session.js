// The guided session page. The engine (upperback.session) decides everything: which exercises are due, each dose and
// the reason for it, every timer step with its cue and what is said aloud, the questions around the session, and
// what a stop leads to; the page's build-time markup holds the pain scale and every exercise's picture. This script
// only shows one screen at a time, plays the timer (UpperBackTimer.runner), and saves each result through the
// storage module (UpperBackStorage.updateSessions: under its lock, read, engine change, write). Text is set with
// textContent only.
(function () {
  const { attach, ask, el, today, linkKind } = window.UpperBackEngine;
  const store = window.UpperBackStorage;
  const timer = window.UpperBackTimer;
  // The address each page was opened at. Material's navigation.tracking rewrites the fragment as a page scrolls,
  // even during an instant navigation, so the list's link (#a=... or #p=...) is taken from Material's location$.
  let openedAt = location.href;
  if (typeof location$ !== "undefined") location$.subscribe((url) => { openedAt = url.href; });

  function setUp() {
    const box = document.getElementById("ub-session");
    if (!box) return;
    // The list's link; without one, the engine takes the list of the latest session.
    const hash = new URL(openedAt).hash;
    const linked = linkKind(hash) ? hash : null;
    const $ = (selector) => box.querySelector(selector);
    const screens = box.querySelectorAll("[data-screen]");
    const problems = $(".ub-session-problems");
    const live = $(".ub-step-live");
    let fragment = null, session = null, index = 0, player = null, outcome = "done", wakeLock = null, voice = null;

    function show(name) {
      for (const screen of screens) screen.hidden = screen.dataset.screen !== name;
      $(".ub-session-options").hidden = !["overview", "exercise"].includes(name);  // voice and beeps, at any time
      $(".ub-session-begin").hidden = name !== "overview" || !session || !session.items.length;
      box.dataset.shown = name;
      const heading = box.querySelector(`[data-screen=${name}] h2`);
      if (heading) heading.focus();
    }
    function problem(text) {
      problems.hidden = !text;
      problems.replaceChildren(...(text ? [el("p", { class: "ub-error" }, text)] : []));
    }
    const list = (node, items) => node.replaceChildren(...items);

    // -- Saving: every change to the log goes through the engine, under the storage lock ---------------------------
    async function change(request) {
      let reply = null;
      const written = await store.updateSessions(async (old) => {
        reply = await ask({ ...request, log: old });
        if (!reply.ok) return { ok: false, error: reply.error };
        if (reply.backup_old_log) return { ...(await store.backUpSessions(old)), text: reply.log };
        return { ok: true, text: reply.log };
      });
      if (!written.ok) problem(written.error);
      return written.ok ? reply : null;
    }

    // -- Voice and beeps: off by default; a voice only if the device has one that needs no network ---------------
    function pickVoice() {
      const local = speechSynthesis.getVoices().filter((v) => v.localService);
      const lang = document.documentElement.lang || "en";
      voice = local.find((v) => v.lang.startsWith(lang)) || null;
      $("[data-option=speech]").disabled = !voice;
      $(".ub-speech-none").hidden = Boolean(voice);
    }
    function say(text) {
      if (!voice || !$("[data-option=speech]").checked) return;
      speechSynthesis.cancel();
      const words = new SpeechSynthesisUtterance(text);
      words.voice = voice;
      words.lang = voice.lang;
      speechSynthesis.speak(words);
    }
    function signal(text) {
      live.textContent = text;
      say(text);
      if ($("[data-option=beeps]").checked) timer.beep();
    }

    // -- The screen stays awake while a session runs, where the browser allows it ------------------------------
    async function stayAwake() {
      try {
        wakeLock = navigator.wakeLock ? await navigator.wakeLock.request("screen") : null;
      } catch { wakeLock = null; }
    }
    function sleep() { if (wakeLock) wakeLock.release().catch(() => {}); wakeLock = null; }
    document.addEventListener("visibilitychange", () => {  // the browser drops the lock when the tab is hidden
      if (document.visibilityState === "visible" && box.isConnected && box.dataset.shown === "exercise") stayAwake();
    });
    if (typeof document$ !== "undefined") document$.subscribe(() => { if (!box.isConnected) sleep(); });  // left

    // -- Before the session --------------------------------------------------------------------------------------
    async function opening() {  // the engine's list, its minutes counted with the get-ready time picked
      await readyKnown;
      const log = await store.readSessions();
      return ask({ op: "session_start", fragment, log, today: today(), now: new Date().toISOString(), timer: getReady });
    }
    async function load() {
      problem("");
      const reply = await opening();
      if (!reply.ok) { problem(reply.error); show("empty"); return; }
      fragment = reply.fragment;
      if (reply.problems.length) problem(reply.problems.join(" "));
      if (reply.blocked) { blocked(reply.blocked); return; }
      if (!reply.session) { show("empty"); return; }
      if (reply.morning) { morning(reply.morning); return; }
      overview(reply.session);
    }

    function blocked(info) {
      $(".ub-blocked-headline").textContent = info.headline;
      list($(".ub-blocked-advice"), info.advice.map((text) => el("li", {}, text)));
      const link = $(".ub-blocked-link");
      link.textContent = info.link.text;
      link.href = box.dataset.root + info.link.href;
      show("blocked");
    }

    function morning(question) {
      $(".ub-morning-question").textContent = question.question;
      $(".ub-morning-why").textContent = question.why;
      for (const [name, worse] of [["worse", true], ["not-worse", false]]) {
        const button = $(`[data-morning=${name}]`);
        button.textContent = worse ? question.worse : question.not_worse;
        button.onclick = async () => {
          if (await change({ op: "session_morning", date: question.date, worse })) await load();
        };
      }
      show("morning");
    }

    function overview(next) {
      fill(next);
      show("overview");
    }
    function fill(next) {
      session = next;
      $(".ub-session-title").textContent = next.title;
      $(".ub-session-summary").textContent = next.summary;
      $(".ub-session-fixed").textContent = next.fixed_text;
      $(".ub-session-fixed").hidden = !next.fixed_text;
      list($(".ub-session-list"), next.items.map((item) => el("li", { "data-item": item.exercise },
        el("strong", {}, item.title), " ", item.dose_line, " ",
        el("span", { class: "ub-reason", "data-change": item.change }, item.reason))));
      const section = (selector, items, make) => {
        $(selector).hidden = !items.length;
        list($(`${selector} ul`), items.map(make));
      };
      section(".ub-session-held", next.held, (held) => {
        const button = el("button", { type: "button", class: "md-button", "data-add-back": held.slot }, held.clear);
        button.addEventListener("click", async () => {
          const now = new Date().toISOString();
          const request = { op: "session_add_back", source: held.source, slot: held.slot, now };
          if (await change(request)) await load();
        });
        return el("li", {}, el("strong", {}, held.title), " ", held.text, " ", button);
      });
      section(".ub-session-later", next.later, (later) => el("li", {}, el("strong", {}, later.title), " ", later.text));
      section(".ub-session-also", next.also, (also) => el("li", {},
        el("a", { href: box.dataset.root + also.url }, also.title), " ", also.dosage));
      list($(".ub-session-safety ul"), next.safety.map((line) => el("li", {}, line)));
    }
    // A new get-ready time on the overview: the engine counts the minutes again; focus stays on the choice.
    async function recount() {
      const reply = await opening();
      if (box.dataset.shown !== "overview") return;
      if (!reply.ok) { problem(reply.error); return; }
      if (reply.session) fill(reply.session);
      box.dataset.counted = getReady;
    }

    // -- One exercise per screen -----------------------------------------------------------------------------------
    const figureStore = $(".ub-session-figures");
    function showFigure(exercise) {
      const slot = $(".ub-exercise-figure");
      for (const figure of slot.querySelectorAll("[data-figure]")) figureStore.append(figure);
      const figure = figureStore.querySelector(`[data-figure="${CSS.escape(exercise)}"]`);
      if (figure) slot.append(figure);
    }

    function timerButton(state) {
      const button = $("[data-action=timer]");
      button.textContent = button.dataset[state === "running" ? "pause" : state === "paused" ? "resume" : "start"];
      button.disabled = state === "done";
    }

    // The get-ready time picked (upperback.timer): the engine sends the first step at each choice, worded alike.
    let getReady = null;
    function applyReady(item) {
      if (getReady && item.ready && item.ready[getReady]) item.steps[0] = item.ready[getReady];
      if (getReady && item.dose_lines && item.dose_lines[getReady]) item.dose_line = item.dose_lines[getReady];
    }
    const readyKnown = timer.readyChoice(box, (seconds) => {
      const changed = getReady !== null && getReady !== seconds;
      getReady = seconds;
      box.dataset.getReady = seconds;
      if (changed && box.dataset.shown === "overview") recount();
      const item = session && session.items[index];
      if (item && box.dataset.shown === "exercise" && (!player || player.state === "idle")) {
        applyReady(item);
        $(".ub-step-clock").textContent = timer.clock(item.steps[0].seconds * 1000);
        $(".ub-exercise-dose").textContent = item.dose_line;
      }
    });

    function exercise() {
      const item = session.items[index];
      applyReady(item);
      box.dataset.exercise = item.exercise;
      $(".ub-exercise-position").textContent = item.position;
      $(".ub-exercise-title").textContent = item.title;
      $(".ub-exercise-dose").textContent = item.dose_line;
      $(".ub-exercise-reason").textContent = item.reason;
      list($(".ub-exercise-cautions"), item.cautions.map((text) => el("li", { class: "ub-caution" }, text)));
      list($(".ub-exercise-how"), item.how.map((step) => el("li", {}, step)));
      $(".ub-exercise-feel").textContent = item.feel;
      showFigure(item.exercise);
      const first = item.steps[0];
      $(".ub-step-label").textContent = first.label;
      $(".ub-step-cue").textContent = first.cue;
      $(".ub-step-count").textContent = first.count;
      $(".ub-step-clock").textContent = timer.clock(first.seconds * 1000);
      live.textContent = "";
      if (player) player.reset();
      player = timer.runner(item.steps, {
        onStep(i) {
          const step = item.steps[i];
          box.dataset.kind = step.kind;
          box.dataset.step = String(i);
          $(".ub-step-label").textContent = step.label;
          $(".ub-step-cue").textContent = step.cue;
          $(".ub-step-count").textContent = step.count;
          signal(step.announce);
        },
        onTick(ms) { $(".ub-step-clock").textContent = timer.clock(ms); },
        onDone() { timerButton("done"); signal(item.done_text); rate("done"); },
      });
      timerButton("idle");
      show("exercise");
    }

    function rate(how) {
      outcome = how;
      const item = session.items[index];
      $(".ub-rate-question").textContent = item.rating_question;
      $(".ub-rate-form").reset();
      show("rate");
    }

    let saving = false;  // one result at a time: a second press while one is saved does nothing
    async function record(result) {
      if (saving) return null;
      saving = true;
      try { return await save(result); } finally { saving = false; }
    }
    async function save(result) {
      const item = session.items[index];
      const reply = await change({
        op: "session_record", fragment,
        session: { id: session.id, date: session.date, source: session.source, fixed: session.fixed },
        item: { slot: item.slot, exercise: item.exercise, dose: item.dose, base: item.base, pain: null,
          stop_reason: null, ...result },
      });
      return reply;
    }

    async function next() {
      index += 1;
      if (index < session.items.length) { exercise(); return; }
      sleep();
      const log = await store.readSessions();
      const reply = await ask({ op: "session_summary", fragment, log, today: today(), id: session.id });
      if (!reply.ok) { problem(reply.error); return; }
      list($(".ub-summary-results"), reply.results.map((r) => el("li", { "data-result": r.exercise },
        el("strong", {}, r.title), " ", r.line)));
      list($(".ub-summary-next"), reply.next.map((n) => el("li", { "data-next": n.exercise, "data-change": n.change },
        el("strong", {}, n.title), " ", n.line)));
      show("summary");
    }

    $("[data-action=begin]").addEventListener("click", () => { index = 0; stayAwake(); exercise(); });
    $("[data-action=timer]").addEventListener("click", () => {
      if (player.state === "running") player.pause();
      else if (player.state === "paused") player.resume();
      else player.start();
      timerButton(player.state);
    });
    $("[data-action=done]").addEventListener("click", () => { player.pause(); rate("done"); });
    $("[data-action=skip]").addEventListener("click", async () => {
      player.reset();
      if (await record({ outcome: "skipped" })) await next();
    });
    $("[data-action=stop]").addEventListener("click", () => {
      if (player.state === "running") player.pause();
      timerButton(player.state);
      const item = session.items[index];
      list($(".ub-stop-choices"), item.stop_choices.map((choice, n) => el("p", {},
        el("label", { class: "ub-choice" },
          el("input", { type: "radio", name: "stop", value: String(n), required: "" }), " ", choice.text))));
      show("stop");
    });
    $("[data-screen=stop] [data-action=back]").addEventListener("click", () => show("exercise"));
    $(".ub-stop-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const choice = session.items[index].stop_choices[Number(new FormData(event.target).get("stop"))];
      player.reset();
      if (!choice.ends) { rate("stopped"); return; }
      const reply = await record({ outcome: "stopped", stop_reason: choice.reason });
      if (!reply) return;
      sleep();
      $(".ub-advice-reason").textContent = reply.advice.reason;
      $(".ub-advice-text").textContent = reply.advice.text;
      show("advice");
    });
    $(".ub-rate-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const pain = Number(new FormData(event.target).get("pain"));
      if (await record({ outcome, pain })) await next();
    });

    if ("speechSynthesis" in window) {
      pickVoice();
      speechSynthesis.addEventListener("voiceschanged", pickVoice);
    } else {
      $("[data-option=speech]").disabled = true;
      $(".ub-speech-none").hidden = false;
    }
    attach(box, async () => {
      fragment = linked;
      await load();
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
