// The weekly check-in's offer on the home, progress and session pages: the engine says whether a week has passed
// (upperback.weekly_view.offer) and with what words; this script only shows or hides the box built at build time.
// With no saved check-in there is nothing to ask about, so the engine is not downloaded just to say no.
(function () {
  async function offer(box) {
    const store = window.UpperBackStorage;
    const { start, ask, today } = window.UpperBackEngine;
    const saved = await store.read();
    let reply = { ok: false };
    if (saved) {
      try {
        await start(new URL(box.dataset.engineFiles, location.href).href);
        reply = await ask({ op: "weekly_offer", store: saved, weekly: await store.readWeekly(), today: today() });
      } catch { /* no engine: nothing is offered, and the weekly page itself stays one tap away in the menu */ }
    }
    const offered = reply.ok && reply.offer.offer;
    box.querySelector(".ub-weekly-offer-text").textContent = offered ? reply.offer.text : "";
    box.hidden = !offered;
    box.dataset.offered = String(offered);  // for tests: the answer has arrived
  }

  // Only once the page is idle: starting the engine costs a phone a few seconds of work, and the page it sits on
  // (home, progress, the end of a session) comes first.
  const whenIdle = window.requestIdleCallback ? (run) => requestIdleCallback(run, { timeout: 3000 }) : (run) => setTimeout(run, 200);

  function setUp() {
    for (const box of document.querySelectorAll(".ub-weekly-offer")) whenIdle(() => offer(box));
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
