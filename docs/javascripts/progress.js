// The progress page: reads the history saved in this browser, asks the engine for the report, and draws it.
// Every comparison, threshold and storage decision is the engine's (upperback.progress); this script renders
// with textContent and SVG elements only.
(function () {
  const { attach, ask, el, download, today } = window.UpperBackEngine;
  const store = window.UpperBackStorage;
  const SVG = "http://www.w3.org/2000/svg";
  const TREND = { improved: "Improved", same: "Same", worse: "Worse", changed: "Changed", "not-compared": "Not compared yet" };

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  }

  // A small line chart; the figure's text alternative lists every value, and the history table holds them too.
  function chart(title, unit, series, max) {
    const width = 560, height = 200, pad = 36;
    const x = (i) => pad + (series.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (series.length - 1));
    const y = (v) => height - pad - (v / max) * (height - 2 * pad);
    const description = `${title}: ` + series.map((p) => `${p.date} ${p.value}${unit}`).join("; ");
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": description, class: "ub-chart" });
    for (const tick of [0, max / 2, max]) {
      drawing.append(svg("line", { x1: pad, x2: width - pad, y1: y(tick), y2: y(tick), class: "ub-chart-grid" }));
      const label = svg("text", { x: pad - 6, y: y(tick) + 4, "text-anchor": "end", class: "ub-chart-label" });
      label.textContent = String(tick);
      drawing.append(label);
    }
    drawing.append(svg("polyline", { points: series.map((p, i) => `${x(i)},${y(p.value)}`).join(" "), class: "ub-chart-line" }));
    series.forEach((p, i) => {
      drawing.append(svg("circle", { cx: x(i), cy: y(p.value), r: 4, class: "ub-chart-point" }));
      const label = svg("text", { x: x(i), y: height - 10, "text-anchor": "middle", class: "ub-chart-label" });
      label.textContent = p.date.slice(5);
      drawing.append(label);
    });
    return el("figure", { class: "ub-figure" }, drawing, el("figcaption", {}, description));
  }

  function change(label, c, unit) {
    if (!c) return null;
    const sign = c.change > 0 ? "+" : "";
    const verdict = c.meaningful ? "a meaningful change" : "within day-to-day variation";
    return el("li", { "data-meaningful": String(c.meaningful) }, `${label}: ${c.first ?? ""}${c.first !== undefined ? " → " : ""}${c.last ?? ""} (${sign}${c.change}${unit}), ${verdict}.`);
  }

  function summary(root, report) {
    const body = document.createDocumentFragment();
    for (const [key, heading] of [["since_first", "Since your first check-in"], ["since_previous", "Since last time"]]) {
      const period = report[key];
      if (!period) continue;
      const list = el("ul", { "data-period": key });
      for (const item of [change("Pain", period.pain, " points"), ...period.activities.map((a) => change(a.name, a, " points"))]) if (item) list.append(item);
      if (period.average) list.append(el("li", { "data-meaningful": String(period.average.meaningful) },
        `Average of your activities: ${period.average.change > 0 ? "+" : ""}${period.average.change} points, ${period.average.meaningful ? "a meaningful change" : "within day-to-day variation"}.`));
      body.append(el("h3", {}, `${heading} (${period.from} to ${period.to})`), list);
    }
    if (report.checks.length) {
      const rows = report.checks.map((c) => el("tr", { "data-check": c.id, "data-since-first": c.since_first },
        el("th", { scope: "row" }, el("a", { href: root + c.url }, c.title)), el("td", {}, `${c.first.label} (${c.first.date})`),
        el("td", {}, `${c.last.label} (${c.last.date})`), el("td", {}, TREND[c.since_first],
          c.numbers ? el("span", { class: "ub-numbers" }, ` ${c.numbers.text}`) : ""), el("td", {}, TREND[c.since_previous])));
      body.append(el("h3", {}, "Check-ins"), el("table", {},
        el("thead", {}, el("tr", {}, ...["Check-in", "First", "Latest", "Since first", "Since last time"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, ...rows)));
    }
    // When to move on rests on pain and the person's three activities (upperback.progress.goal_met), not on
    // every check-in reaching the usual range.
    const verdict = report.goal_met
      ? "Since your first check-in, your pain and your three activities have improved by more than " +
        "day-to-day variation. You can move to the keep-it-up phase of the programme."
      : "Keep going. Move to the keep-it-up phase when your pain has dropped by about 2 points and your " +
        "three activities are 2 points easier on average (or 3 on one). " +
        "The check-ins do not all need to reach the usual range.";
    body.append(el("p", { class: "ub-verdict", "data-goal-met": String(report.goal_met),
      "data-all-improved": String(report.all_improved) }, verdict));
    body.append(el("p", { class: "ub-caveat" }, report.caveat));
    const due = el("p", { class: "ub-next-due", "data-next-due": report.next_due },
      `Next re-check: ${report.next_due}${report.overdue ? " (due now)" : ""}. `,
      el("button", { type: "button", class: "md-button", "data-action": "calendar" }, "Add a reminder to my calendar (.ics)"));
    body.append(due);
    return body;
  }

  function history(root, report) {
    const rows = report.entries.map((e) => el("tr", { "data-entry": e.id },
      el("th", { scope: "row" }, e.date), el("td", {}, e.pain ?? "–"),
      el("td", {}, e.activities.map((a) => `${a.name}: ${a.score}`).join("; ") || "–"),
      el("td", {}, `${e.checks_passed} of ${e.checks_done}`),
      el("td", {}, el("a", { href: root + e.session.href, "data-session": e.id }, e.session.text))));
    return el("table", {},
      el("caption", {}, "Pain 0-10 (lower is better), activities 0-10 (higher is better), check-ins within the usual range"),
      el("thead", {}, el("tr", {}, ...["Date", "Pain", "My activities", "Check-ins in usual range", "Guided session"]
        .map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows));
  }

  // Backup copies of saved data that could not be read: listed, exportable and restorable (upperback.storage words them).
  async function showBackups(box, entries) {
    const area = box.querySelector(".ub-backups");
    const kept = await store.backups();
    const log = await ask({ op: "adherence", log: await store.readSessions(), today: today() });  // how many sessions
    const sessions = log.ok ? log.report.saved : 0;
    const backups = kept.map(({ key, size }) => ({ key, size }));
    // Every kind of saved thing, so that "Delete everything" says what it removes (upperback.storage.summary)
    const reply = await ask({ op: "storage_summary", saved: { entries, sessions, backups }, weekly: await store.readWeekly(),
      draft: await store.readDraft(), last_export: await store.lastExport() });
    if (!reply.ok) { area.hidden = false; area.replaceChildren(el("p", { class: "ub-error" }, reply.error)); return null; }
    area.hidden = !reply.summary.backups.length;
    area.replaceChildren(el("h3", {}, "Backup copies"), el("ul", {}, ...reply.summary.backups.map((backup) => {
      const text = kept.find((k) => k.key === backup.key).text;
      const save = el("button", { type: "button", class: "md-button", "data-export-backup": backup.key }, "Export this copy");
      save.addEventListener("click", () => download(`upper-back-progress-backup-${backup.key.split(".").pop()}.json`, "application/json", text));
      const restore = el("button", { type: "button", class: "md-button", "data-restore-backup": backup.key }, "Make this the saved history");
      restore.addEventListener("click", async () => {
        const result = await store.restore(backup.key);
        box.querySelector(".ub-data-status").textContent = result.ok ? "" : result.error;
        await refresh(box);
      });
      return el("li", { "data-backup": backup.key }, backup.label, " ", save, " ", restore);
    })));
    return reply.summary;
  }

  async function refresh(box) {
    const root = box.dataset.root;
    box.dispatchEvent(new CustomEvent("ub-refreshed"));  // the guided sessions' section (adherence.js) follows
    const reply = await ask({ op: "progress_report", store: await store.read(), today: today() });
    box.summary = await showBackups(box, reply.ok ? reply.report.entries.length : 0);
    const kept = await ask({ op: "durability", persisted: await store.persisted(), last_export: await store.lastExport(), today: today() });
    const note = box.querySelector(".ub-durability");
    note.hidden = !kept.ok;
    if (kept.ok) { note.textContent = kept.durability.text; note.dataset.remind = String(kept.durability.remind); }
    if (!reply.ok) {  // the history could not be reported: say so; export, import and delete still work
      const problems = box.querySelector(".ub-progress-problems");
      problems.hidden = false;
      problems.replaceChildren(el("p", { class: "ub-error" }, reply.error));
      return;
    }
    const report = reply.report;
    const problems = box.querySelector(".ub-progress-problems");
    problems.hidden = !report.problems.length;
    problems.replaceChildren(...(report.problems.length ? [el("p", {}, el("strong", {}, "Some saved data could not be read. "), "Nothing has been deleted: use “Export the raw saved data” below to keep a full copy."), el("ul", {}, ...report.problems.map((p) => el("li", {}, p)))] : []));
    const has = report.entries.length > 0;
    box.querySelector(".ub-progress-empty").hidden = has;
    for (const name of ["summary", "charts", "history"]) box.querySelector(`.ub-progress-${name}`).hidden = !has;
    if (!has) return;
    box.querySelector(".ub-summary-body").replaceChildren(summary(root, report));
    const charts = [];
    if (report.pain_series.length) charts.push(chart("Pain (0-10, lower is better)", "", report.pain_series, 10));
    if (report.activity_series.length) charts.push(chart("Average of my activities (0-10, higher is better)", "", report.activity_series, 10));
    charts.push(chart("Check-ins within the usual range", "", report.passed_series, Math.max(1, ...report.passed_series.map((p) => p.value))));
    box.querySelector(".ub-charts-body").replaceChildren(...charts);
    box.querySelector(".ub-history-body").replaceChildren(history(root, report));
    box.querySelector("[data-action=calendar]").addEventListener("click", async () => {
      const ics = await ask({ op: "calendar", due: report.next_due, site_url: new URL(root, location.href).href, now: new Date().toISOString() });
      if (!ics.ok) { box.querySelector(".ub-data-status").textContent = ics.error; return; }
      download(`upper-back-recheck-${report.next_due}.ics`, "text/calendar", ics.file);
    });
  }

  // Export, import and delete are wired first, before anything that could fail, so a person can always take
  // their data out or start again.
  function setUp() {
    const box = document.getElementById("ub-progress");
    if (!box) return;
    const status = box.querySelector(".ub-data-status");
    const action = (name) => box.querySelector(`[data-action=${name}]`);
    const ready = () => box.dataset.engine === "ready";
    action("export-raw").addEventListener("click", async () => download("upper-back-progress-raw.json", "application/json", await store.read()));
    action("export").addEventListener("click", async () => {
      const saved = await store.read();
      if (!ready()) { download("upper-back-progress-raw.json", "application/json", saved); return; }
      const reply = await ask({ op: "progress_export", store: saved, sessions: await store.readSessions(), weekly: await store.readWeekly() });
      if (!reply.ok) { status.textContent = reply.error; return; }
      download(`upper-back-progress-${today()}.json`, "application/json", reply.file);
      await store.exported(today());
      await refresh(box);
    });
    box.querySelector("#ub-import").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file || !ready()) return;
      const text = await file.text();
      let reply = null;
      const written = await store.update(async (old) => {  // under the lock: no other tab writes in between
        reply = await ask({ op: "progress_import", store: old, file: text, today: today() });
        if (!reply.ok) return { ok: false, error: reply.error + "." };
        if (reply.backup_old_store) return { ...(await store.backUp(old)), text: reply.store };  // keep unreadable text whole first
        return { ok: true, text: reply.store };
      });
      let sessions = { message: "" };  // the file's guided sessions, merged once its check-ins are in
      if (written.ok) {
        await store.updateSessions(async (old) => {
          sessions = await ask({ op: "sessions_import", log: old, file: text });
          if (!sessions.ok) return { ok: false, error: sessions.error };
          if (sessions.backup_old_log) return { ...(await store.backUpSessions(old)), text: sessions.log };
          return { ok: true, text: sessions.log };
        });
      }
      let weekly = { ok: true, message: "" };  // and its weekly check-ins
      if (written.ok) {
        await store.updateWeekly(async (old) => {
          weekly = await ask({ op: "weekly_import", weekly: old, file: text, today: today() });
          if (!weekly.ok) return { ok: false, error: weekly.error };
          if (weekly.backup_old) return { ...(await store.backUpWeekly(old)), text: weekly.text };
          return { ok: true, text: weekly.text };
        });
      }
      const guided = (sessions.ok ? sessions.message : ` ${sessions.error}.`) + (weekly.ok ? weekly.message : ` ${weekly.error}.`);
      status.textContent = written.ok ? reply.message + guided : "Nothing was imported: " + written.error;
      await refresh(box);
    });
    action("delete").addEventListener("click", async () => {
      const warning = box.summary ? box.summary.delete_warning : box.dataset.deleteWarning;
      if (!window.confirm(warning)) return;
      await store.clear();
      status.textContent = box.dataset.deleted;
      if (ready()) await refresh(box);
    });
    store.onChange(() => { if (ready()) refresh(box); });  // another tab saved: show the new history
    attach(box, () => refresh(box));
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
