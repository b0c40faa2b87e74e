// Measured check-ins on the assessment page (upperback.measures): a stopwatch and the phone's tilt sensor fill the
// number fields; each change asks the engine what the numbers give, shows its words and ticks the result it names,
// unless the person chose a result themselves. The engine decides; this script only measures and moves data.
(function () {
  const { ask } = window.UpperBackEngine;

  // {part: [numbers]} from the fields; parts with no number are left out.
  function trials(box) {
    const found = {};
    for (const part of box.querySelectorAll(".ub-measure-part")) {
      const values = [...part.querySelectorAll("input[type=number]")]
        .filter((input) => input.value !== "" && !Number.isNaN(input.valueAsNumber)).map((input) => input.valueAsNumber);
      if (values.length) found[part.dataset.part] = values;
    }
    return found;
  }

  async function update(box, form) {
    const result = box.querySelector(".ub-measure-result");
    const fieldset = box.closest("fieldset.ub-check");
    const given = trials(box);
    const mine = fieldset.querySelector("input[type=radio][data-by-measure]");
    if (!Object.keys(given).length) {
      result.textContent = "";
      if (mine) { mine.removeAttribute("data-by-measure"); fieldset.querySelector("input[type=radio][data-answer=not-yet]").checked = true; }
      return;
    }
    const age = form.querySelector("select[name=age_band]");
    const reply = await ask({ op: "measure", check: box.dataset.measure, trials: given, age_band: age ? age.value : "" });
    if (!reply.ok) { result.textContent = reply.error; return; }
    result.textContent = reply.reading.text;
    const chosen = fieldset.querySelector("input[type=radio]:checked");
    const byPerson = chosen && chosen.value && !chosen.hasAttribute("data-by-measure");
    if (byPerson || !reply.reading.outcome) return;
    if (mine) mine.removeAttribute("data-by-measure");
    const tick = fieldset.querySelector(`input[type=radio][value="${CSS.escape(reply.reading.outcome)}"]`);
    if (tick) { tick.checked = true; tick.setAttribute("data-by-measure", ""); }
  }

  // The next empty try of a part, or its last one when all are filled.
  function place(part, value) {
    const inputs = [...part.querySelectorAll("input[type=number]")];
    const target = inputs.find((input) => input.value === "") || inputs[inputs.length - 1];
    target.value = String(value);
    target.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function stopwatch(box, part, button, live) {
    const max = Number(box.dataset.max);
    let started = null, timer = null;
    const unit = live.textContent.replace(/^[\d.]+\s*/, "");
    const stop = () => {
      const seconds = Math.min(max, (performance.now() - started) / 1000);
      clearInterval(timer); started = null;
      button.textContent = button.dataset.start;
      button.setAttribute("aria-pressed", "false");
      live.textContent = `${seconds.toFixed(1)} ${unit}`;
      place(part, Math.round(seconds * 10) / 10);
    };
    button.addEventListener("click", () => {
      if (started !== null) { stop(); return; }
      started = performance.now();
      button.textContent = box.dataset.stop;
      button.setAttribute("aria-pressed", "true");
      timer = setInterval(() => {
        const seconds = (performance.now() - started) / 1000;
        if (seconds >= max) stop(); else live.textContent = `${seconds.toFixed(1)} ${unit}`;
      }, 100);
    });
  }

  // Gravity in the phone's frame from the W3C DeviceOrientation beta and gamma (not the compass, alpha).
  function gravity(event) {
    const b = (event.beta * Math.PI) / 180, g = (event.gamma * Math.PI) / 180;
    return [-Math.cos(b) * Math.sin(g), Math.sin(b), Math.cos(b) * Math.cos(g)];
  }

  const angle = (a, b) => {
    const dot = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
    return (Math.acos(dot) * 180) / Math.PI;
  };

  // The one tilt sensor of the page: listened to from the first tap (iOS asks its permission then), its latest
  // gravity reading kept, and passed to whoever follows it (a hands-free reading).
  const tilt = { latest: null, listening: false, followers: new Set() };
  async function listen() {
    if (tilt.listening) return true;
    const Orientation = window.DeviceOrientationEvent;
    if (!Orientation) return false;
    if (typeof Orientation.requestPermission === "function") {  // iOS: asked from this tap
      try { if ((await Orientation.requestPermission()) !== "granted") return false; } catch { return false; }
    }
    window.addEventListener("deviceorientation", (event) => {
      if (event.beta === null || event.gamma === null) return;
      tilt.latest = gravity(event);
      tilt.followers.forEach((follow) => follow(tilt.latest));
    });
    tilt.listening = true;
    return true;
  }
  // Resolves at the sensor's first reading, or after a second without one.
  function firstReading() {
    if (tilt.latest) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { tilt.followers.delete(done); resolve(); };
      tilt.followers.add(done);
      setTimeout(done, 1000);
    });
  }

  // Zero, then read: the phone is tapped at the start and at the end of the turn (a helper holds it in place).
  function inclinometer(box, part, button, live) {
    let zero = null;
    const unit = live.textContent.replace(/^[\d.]+\s*/, "");
    button.addEventListener("click", async () => {
      const result = box.querySelector(".ub-measure-result");
      if (!(await listen())) { result.textContent = box.dataset.none; return; }
      await firstReading();
      if (!tilt.latest) { result.textContent = box.dataset.none; return; }
      if (zero === null) {
        zero = tilt.latest;
        button.textContent = box.dataset.stop;
        live.textContent = `0 ${unit}`;
        return;
      }
      const degrees = Math.round(angle(zero, tilt.latest));
      zero = null;
      button.textContent = button.dataset.start;
      live.textContent = `${degrees} ${unit}`;
      place(part, degrees);
    });
  }

  // Hands-free (the record's hands_free seconds): one tap, then nobody touches the phone while it rests on the
  // body. It takes its zero `settle` seconds after the tap and keeps the furthest angle from it for `window` seconds.
  // The person cannot see the screen then, so the timer's beep (sound, and a buzz where the phone can) marks the
  // zero being set and the time being up (upperback.measures.hands_free_text says so on the page).
  function handsFree(box, part, button, live) {
    const { beep } = window.UpperBackTimer;
    const settle = Number(box.dataset.settle) * 1000, span = Number(box.dataset.window) * 1000;
    const unit = live.textContent.replace(/^[\d.]+\s*/, "");
    let running = false;
    const finish = () => { running = false; button.removeAttribute("aria-disabled"); };
    button.addEventListener("click", async () => {
      if (running) return;
      const result = box.querySelector(".ub-measure-result");
      if (!(await listen())) { result.textContent = box.dataset.none; return; }
      running = true;
      button.setAttribute("aria-disabled", "true");
      live.textContent = `0 ${unit}`;
      setTimeout(() => {
        const zero = tilt.latest;
        if (!zero) { result.textContent = box.dataset.none; finish(); return; }
        let furthest = 0;
        beep();
        const follow = (reading) => {
          const degrees = angle(zero, reading);
          furthest = Math.max(furthest, degrees);
          live.textContent = `${Math.round(degrees)} ${unit}`;
        };
        tilt.followers.add(follow);
        setTimeout(() => {
          tilt.followers.delete(follow);
          beep();
          live.textContent = `${Math.round(furthest)} ${unit}`;
          place(part, Math.round(furthest));
          finish();
        }, span);
      }, settle);
    });
  }

  // The head angle on the person's own side photo: the line from the bump at the base of the neck to the ear,
  // against the level, in the photo's own pixels. The photo is shown from memory (a blob: address) and dropped
  // after: never stored, never sent.
  function photo(box) {
    const tool = box.querySelector(".ub-photo");
    const file = tool.querySelector(".ub-photo-file");
    const frame = tool.querySelector(".ub-photo-frame");
    const image = tool.querySelector(".ub-photo-image");
    const prompt = tool.querySelector(".ub-photo-prompt");
    const again = tool.querySelector(".ub-photo-again");
    const marks = { ear: tool.querySelector("[data-mark=ear]"), neck: tool.querySelector("[data-mark=neck]") };
    let points = [], address = null;
    const clear = () => {
      if (address) URL.revokeObjectURL(address);
      address = null; points = [];
      image.removeAttribute("src"); frame.hidden = true; again.hidden = true; prompt.textContent = "";
      Object.values(marks).forEach((mark) => { mark.hidden = true; });
      file.value = "";
    };
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      clear();
      address = URL.createObjectURL(chosen);
      image.src = address;
      frame.hidden = false;
      prompt.textContent = tool.dataset.ear;
    });
    image.addEventListener("click", (event) => {
      if (points.length >= 2 || !image.naturalWidth) return;
      const rect = image.getBoundingClientRect();
      const x = event.clientX - rect.left, y = event.clientY - rect.top;
      const mark = points.length ? marks.neck : marks.ear;
      Object.assign(mark.style, { left: `${x}px`, top: `${y}px` });
      mark.hidden = false;
      points.push({ x: (x * image.naturalWidth) / rect.width, y: (y * image.naturalHeight) / rect.height });
      if (points.length === 1) { prompt.textContent = tool.dataset.neck; return; }
      const [ear, neck] = points;
      const degrees = (Math.atan2(neck.y - ear.y, Math.abs(ear.x - neck.x)) * 180) / Math.PI;
      prompt.textContent = "";
      again.hidden = false;
      place(box.querySelector(".ub-measure-part"), Math.round(degrees * 10) / 10);
    });
    again.addEventListener("click", () => { clear(); file.click(); });
  }

  function setUp() {
    const form = document.getElementById("ub-assessment-form");
    if (!form) return;
    for (const box of form.querySelectorAll(".ub-measure")) {
      box.addEventListener("input", () => update(box, form));
      for (const part of box.querySelectorAll(".ub-measure-part")) {
        const button = part.querySelector(".ub-measure-start");
        const live = part.querySelector(".ub-measure-live");
        if (!button) continue;
        if (box.dataset.tool === "stopwatch") stopwatch(box, part, button, live);
        const tilted = box.dataset.settle ? handsFree : inclinometer;  // hands-free: the phone reads itself
        if (box.dataset.tool === "inclinometer") tilted(box, part, button, live);
      }
      if (box.dataset.tool === "photo-angle") photo(box);
    }
    const age = form.querySelector("select[name=age_band]");  // age-banded figures change with the band
    if (age) age.addEventListener("change", () => form.querySelectorAll(".ub-measure").forEach((box) => update(box, form)));
  }

  // The numbers for the engine's answers (assessment.js readAnswers): {check_id: {part: [numbers]}}.
  function readMeasures(form) {
    const found = {};
    for (const box of form.querySelectorAll(".ub-measure")) {
      const given = trials(box);
      if (Object.keys(given).length) found[box.dataset.measure] = given;
    }
    return found;
  }

  // Saved numbers back into the fields (resuming): the engine's normal form, {check_id: {part: [numbers]}}.
  function fillMeasures(form, measures) {
    for (const [checkId, parts] of Object.entries(measures || {})) {
      const box = form.querySelector(`.ub-measure[data-measure="${CSS.escape(checkId)}"]`);
      if (!box) continue;
      for (const [part, values] of Object.entries(parts)) {
        const inputs = box.querySelectorAll(`.ub-measure-part[data-part="${CSS.escape(part)}"] input[type=number]`);
        values.forEach((value, i) => { if (inputs[i]) inputs[i].value = String(value); });
      }
      update(box, form);
    }
  }

  window.UpperBackMeasures = { readMeasures, fillMeasures };
  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
