// Timers. The engine writes the steps (get ready, holds or repetitions, rests, side switches, sets) from the dosage
// (upperback.timer): on technique pages into data-steps at build time, in the guided session in its reply. This
// script only plays them: each step is counted down against the clock (Date.now), so a tab left in the background
// still ends each step on time. window.UpperBackTimer.runner is the one player; the hold timer below and the
// guided session (session.js) both use it. Works offline once the page is loaded.
window.UpperBackTimer = (function () {
  let audio = null;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator();
      tone.connect(audio.destination);
      tone.frequency.value = 880;
      tone.start();
      tone.stop(audio.currentTime + 0.15);
    } catch { /* no sound available: the visual and spoken changes remain */ }
    if (navigator.vibrate) navigator.vibrate(200);
  }

  const clock = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

  // Plays steps: onStep(index) when a step begins (once, for the latest, after catching up), onTick(ms left in the
  // step) about five times a second, onDone() after the last. state: idle, running, paused or done.
  function runner(steps, { onStep, onTick, onDone }) {
    let index = -1, endsAt = 0, remaining = 0, ticker = null, state = "idle";
    function halt(next) { clearInterval(ticker); ticker = null; state = next; }
    function tick() {
      const now = Date.now();
      let changed = false;
      while (index < steps.length && now >= endsAt) {  // catch up on every step that ended while throttled
        index += 1;
        changed = true;
        if (index < steps.length) endsAt += steps[index].seconds * 1000;
      }
      if (index >= steps.length) { halt("done"); onTick(0); onDone(); return; }
      if (changed) onStep(index);
      onTick(endsAt - now);
    }
    function run() { state = "running"; ticker = setInterval(tick, 200); }
    return {
      start() {
        index = 0;
        endsAt = Date.now() + steps[0].seconds * 1000;
        onStep(0);
        onTick(endsAt - Date.now());
        run();
      },
      pause() { remaining = endsAt - Date.now(); halt("paused"); },
      resume() { endsAt = Date.now() + remaining; onTick(remaining); run(); },
      reset() { halt("idle"); index = -1; },
      get state() { return state; },
      get index() { return index; },
    };
  }

  // The get-ready time the person picked (radios rendered from upperback.timer.ready_choices), remembered through the
  // storage module. onPick(seconds as text) runs with the remembered choice, then at each change.
  async function readyChoice(box, onPick) {
    const radios = [...box.querySelectorAll("[data-ready-choice]")];
    if (!radios.length) return;
    const store = window.UpperBackStorage;
    const kept = store ? await store.readTimer() : "";
    const match = radios.find((r) => r.value === kept);
    if (match) match.checked = true;
    onPick((radios.find((r) => r.checked) || radios.find((r) => r.hasAttribute("data-default"))).value);
    for (const radio of radios) {
      radio.addEventListener("change", async () => {
        if (!radio.checked) return;
        onPick(radio.value);
        if (store) {
          const saved = await store.writeTimer(radio.value);
          box.dataset.readySaved = String(saved.ok);
        }
      });
    }
  }

  // -- The hold timer on technique pages -----------------------------------------------------------------------
  function setUpTimer(box) {
    const steps = JSON.parse(box.dataset.steps);
    const ready = JSON.parse(box.dataset.ready);  // the first step at each get-ready time (upperback.timer)
    const holds = steps.filter((s) => s.kind === "hold").length;
    const { words, fill } = window.UpperBackEngine;
    const said = words(box);  // upperback.page_words, rendered on the timer
    const [phase, face, count, live] = [".ub-timer-phase", ".ub-timer-clock", ".ub-timer-count", ".ub-timer-live"]
      .map((q) => box.querySelector(q));
    const button = (name) => box.querySelector(`[data-timer=${name}]`);
    let index = -1;

    const holdsDone = () => (index >= steps.length ? holds
      : steps.slice(0, Math.max(0, index)).filter((s) => s.kind === "hold").length);
    function show(announce) {
      const step = steps[index];
      box.dataset.step = String(index);
      box.dataset.kind = step ? step.kind : "";
      box.dataset.holdsDone = String(holdsDone());
      phase.textContent = step ? step.label : index >= steps.length ? said.done : said.ready;
      count.textContent = fill(said.count, { done: holdsDone(), holds });
      if (announce) {
        live.textContent = step ? fill(said.step, step) : fill(said.finished, { holds });
        if (button("signal").checked) beep();
      }
    }
    function buttons(state) {
      box.dataset.state = state;
      button("pause").disabled = state !== "running";
      button("start").disabled = state === "running" || state === "done";
      button("start").textContent = state === "paused" ? said.resume : said.start;
    }
    const player = runner(steps, {
      onStep(i) { index = i; show(true); },
      onTick(ms) { face.textContent = clock(ms); },
      onDone() { index = steps.length; buttons("done"); face.textContent = "0:00"; show(true); },
    });
    button("start").addEventListener("click", () => {
      if (player.state === "paused") player.resume();
      else player.start();
      buttons("running");
    });
    button("pause").addEventListener("click", () => {
      player.pause();
      buttons("paused");
      live.textContent = said.paused;
    });
    button("reset").addEventListener("click", () => {
      player.reset();
      buttons("idle");
      index = -1;
      face.textContent = "–";
      show(false);
      live.textContent = said.reset;
    });
    show(false);
    readyChoice(box, (seconds) => {  // the runner reads steps[0] when it starts, so a new choice counts next Start
      if (ready[seconds]) steps[0] = ready[seconds];
      box.dataset.getReady = seconds;
    });
    box.hidden = false;
  }

  function setUp() { document.querySelectorAll(".ub-timer").forEach(setUpTimer); }
  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);

  return { beep, clock, runner, readyChoice };
})();
