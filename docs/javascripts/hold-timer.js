// Hold timer on technique pages. The build wrote the steps (get ready, holds, rests, side switches) into
// data-steps from the dosage; this script counts each one down against the clock (Date.now), so a tab left in
// the background still ends each step on time. Works offline once the page is loaded.
(function () {
  function beep() {
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator();
      tone.connect(audio.destination);
      tone.frequency.value = 880;
      tone.start();
      tone.stop(audio.currentTime + 0.15);
    } catch (error) { /* no sound available: the visual and spoken changes remain */ }
    if (navigator.vibrate) navigator.vibrate(200);
  }

  const clock = (ms) => { const s = Math.max(0, Math.ceil(ms / 1000)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };

  function setUpTimer(box) {
    const steps = JSON.parse(box.dataset.steps);
    const holds = steps.filter((s) => s.kind === "hold").length;
    const [phase, face, count, live] = [".ub-timer-phase", ".ub-timer-clock", ".ub-timer-count", ".ub-timer-live"].map((q) => box.querySelector(q));
    const button = (name) => box.querySelector(`[data-timer=${name}]`);
    let index = -1, endsAt = 0, remaining = 0, ticker = null;

    const holdsDone = () => steps.slice(0, Math.max(0, index)).filter((s) => s.kind === "hold").length;
    function show(announce) {
      const step = steps[index];
      box.dataset.step = String(index);
      box.dataset.kind = step ? step.kind : "";
      box.dataset.holdsDone = String(index >= steps.length ? holds : holdsDone());
      phase.textContent = step ? step.label : index >= steps.length ? "Done" : "Ready when you are";
      count.textContent = `${index >= steps.length ? holds : holdsDone()} of ${holds} holds done`;
      if (announce) {
        live.textContent = step ? `${step.label}, ${step.seconds} seconds` : `Done: ${holds} holds`;
        if (button("signal").checked) beep();
      }
    }
    function tick() {
      const now = Date.now();
      let changed = false;
      while (index < steps.length && now >= endsAt) {  // catch up on every step that ended while throttled
        index += 1;
        changed = true;
        if (index < steps.length) endsAt += steps[index].seconds * 1000;
      }
      if (index >= steps.length) {
        stop("done");
        face.textContent = "0:00";
      } else {
        face.textContent = clock(endsAt - now);
      }
      if (changed) show(true);
    }
    function stop(state) {
      clearInterval(ticker);
      ticker = null;
      box.dataset.state = state;
      button("pause").disabled = true;
      button("start").disabled = state === "done";
      button("start").textContent = state === "paused" ? "Resume" : "Start";
    }
    function run() {
      box.dataset.state = "running";
      button("pause").disabled = false;
      button("start").disabled = true;
      ticker = setInterval(tick, 200);
    }
    button("start").addEventListener("click", () => {
      if (box.dataset.state === "paused") {
        endsAt = Date.now() + remaining;
      } else {
        index = 0;
        endsAt = Date.now() + steps[0].seconds * 1000;
        show(true);
      }
      face.textContent = clock(endsAt - Date.now());
      run();
    });
    button("pause").addEventListener("click", () => {
      remaining = endsAt - Date.now();
      stop("paused");
      live.textContent = "Paused";
    });
    button("reset").addEventListener("click", () => {
      stop("idle");
      index = -1;
      face.textContent = "–";
      show(false);
      live.textContent = "Timer reset";
    });
    show(false);
    box.hidden = false;
  }

  function setUp() { document.querySelectorAll(".ub-timer").forEach(setUpTimer); }
  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
