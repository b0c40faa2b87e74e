// Guided sessions on /progress/: sessions done each week against those planned (a chart whose text alternative the
// engine writes), each exercise's doses, and the calendar reminder. upperback.adherence and upperback.reminders
// decide and word everything; this script draws it with textContent and SVG elements, and saves the reminder
// through the storage module. It runs whenever progress.js has shown the page (the "ub-refreshed" event).
(function () {
  const { ask, el, download, today } = window.UpperBackEngine;
  const store = window.UpperBackStorage;
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Bars for the sessions done, a dashed outline for those planned; the figure's caption says every number.
  function chart(report) {
    const width = 560, height = 200, pad = 30, weeks = report.weeks;
    const top = Math.max(1, ...weeks.map((w) => Math.max(w.done, w.planned)));
    const slot = (width - 2 * pad) / weeks.length, bar = Math.min(36, slot * 0.6);
    const y = (v) => height - pad - (v / top) * (height - 2 * pad);
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": report.text,
      class: "ub-chart" });
    drawing.append(svg("line", { x1: pad, x2: width - pad, y1: y(0), y2: y(0), class: "ub-chart-grid" }));
    weeks.forEach((week, i) => {
      const x = pad + i * slot + (slot - bar) / 2;
      const rect = (value, name) => svg("rect", { x, y: y(value), width: bar, height: y(0) - y(value), class: name });
      drawing.append(rect(week.planned, "ub-chart-planned"), rect(week.done, "ub-chart-done"));
      drawing.append(svg("text", { x: x + bar / 2, y: height - 10, "text-anchor": "middle", class: "ub-chart-label" },
        week.label));
    });
    return el("figure", { class: "ub-figure" }, drawing, el("figcaption", {}, report.text));
  }

  function doses(report) {
    return report.doses.map((exercise) => el("div", { class: "ub-doses-table", "data-doses": exercise.exercise },
      el("table", {}, el("caption", {}, exercise.title),
        el("thead", {}, el("tr", {}, ...report.columns.map((c) => el("th", { scope: "col" }, c)))),
        el("tbody", {}, ...exercise.rows.map((row) => el("tr", {},
          el("th", { scope: "row" }, row.date), el("td", {}, row.dosage), el("td", {}, row.outcome),
          el("td", {}, row.pain)))))));
  }

  async function refresh(section) {
    const status = section.querySelector(".ub-sessions-status");
    const reply = await ask({ op: "adherence", log: await store.readSessions(), today: today() });
    if (!reply.ok) { status.textContent = reply.error; return; }
    const report = reply.report;
    section.querySelector(".ub-sessions-summary").textContent = [report.summary, ...report.problems].join(" ");
    section.querySelector(".ub-sessions-chart").replaceChildren(...(report.weeks.length ? [chart(report)] : []));
    const heading = report.doses_heading ? [el("h3", {}, report.doses_heading)] : [];
    section.querySelector(".ub-sessions-doses").replaceChildren(...heading, ...doses(report));
    section.querySelector(".ub-reminder-state").textContent = report.reminder.text;
    section.querySelector("[data-action=remove-reminder]").hidden = !report.reminder.reminder;
    section.querySelector(".ub-reminder-form button[type=submit]").disabled = false;
  }

  // The reminder is saved in the session log (under its lock) and handed over as a file.
  async function remind(section, request) {
    const status = section.querySelector(".ub-sessions-status");
    let reply = null;
    const written = await store.updateSessions(async (old) => {
      reply = await ask({ ...request, log: old, now: new Date().toISOString() });
      if (!reply.ok) return { ok: false, error: reply.error };
      if (reply.backup_old_log) return { ...(await store.backUpSessions(old)), text: reply.log };
      return { ok: true, text: reply.log };
    });
    if (!written.ok) { status.textContent = written.error; return; }
    download(reply.name, "text/calendar", reply.file);
    status.textContent = reply.text;
    await refresh(section);
  }

  function setUp() {
    const box = document.getElementById("ub-progress");
    const section = document.getElementById("sessions");
    if (!box || !section) return;
    const form = section.querySelector(".ub-reminder-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(form);
      remind(section, { op: "reminder_make", days: data.getAll("day"), time: data.get("time"), today: today(),
        site_url: new URL(box.dataset.root, location.href).href });
    });
    section.querySelector("[data-action=remove-reminder]").addEventListener("click",
      () => remind(section, { op: "reminder_remove" }));
    box.addEventListener("ub-refreshed", () => refresh(section));
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
