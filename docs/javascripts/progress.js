// The progress page: reads the history saved in this browser, asks the engine for the report, and draws it.
// Every comparison, threshold and storage decision is the engine's (upperback.progress); this script renders
// with textContent and SVG elements only.
(function () {
  const { attach, ask, el, download, today, words } = window.UpperBackEngine;
  const store = window.UpperBackStorage;
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A line chart drawn one SVG unit to one CSS pixel, so its 13 px labels stay 13 px on a phone. The engine gives the
  // axis name, maximum, ticks in words, dates and trend (upperback.progress_view); this only places them.
  function chart(spec, width) {
    const height = 230, left = 84, right = 30, top = 16, bottom = 40;
    const n = spec.points.length;
    const x = (i) => left + (n === 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (n - 1));
    const y = (v) => top + (1 - v / spec.max) * (height - top - bottom);
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
      "aria-label": spec.description, class: "ub-chart", "data-chart": spec.key });
    for (const tick of spec.ticks) {
      drawing.append(svg("line", { x1: left, x2: width - right, y1: y(tick.value), y2: y(tick.value), class: "ub-chart-grid" }));
      drawing.append(svg("text", { x: left - 6, y: y(tick.value) + 4, "text-anchor": "end", class: "ub-chart-label" }, tick.label));
    }
    drawing.append(svg("polyline", { points: spec.points.map((p, i) => `${x(i)},${y(p.value)}`).join(" "), class: "ub-chart-line" }));
    spec.points.forEach((p, i) => {
      drawing.append(svg("circle", { cx: x(i), cy: y(p.value), r: 5, class: "ub-chart-point" }));
      if (p.date) drawing.append(svg("text", { x: x(i), y: height - 14, "text-anchor": "middle", class: "ub-chart-label" }, p.date));
    });
    return el("figure", { class: "ub-figure" }, el("p", { class: "ub-chart-title" }, spec.title),
      el("p", { class: "ub-chart-axis" }, spec.axis), drawing,
      el("figcaption", {}, el("strong", {}, spec.trend), " ", spec.description));
  }

  function drawCharts(box, view) {
    const body = box.querySelector(".ub-charts-body");
    const width = Math.max(260, Math.min(720, Math.floor(body.clientWidth || 320)));
    body.replaceChildren(...view.charts.map((spec) => chart(spec, width)),
      ...(view.charts_note ? [el("p", { class: "ub-charts-note" }, view.charts_note)] : []));
  }

  // The summary on top, then what changed and the check-ins: every sentence is the engine's.
  function summary(box, root, view) {
    const body = document.createDocumentFragment();
    const said = words(box);  // upperback.page_words
    const top = view.headline;
    body.append(el("div", { class: "ub-headline", "data-direction": top.direction },
      el("p", { class: "ub-headline-title" }, top.title),
      el("ul", {}, ...top.points.map((text) => el("li", {}, text))),
      ...(top.advice ? [el("p", {}, top.advice, " ", el("a", { href: root + "safety/" }, said.safety_page))] : [])));
    for (const period of view.periods) {
      body.append(el("h3", {}, period.heading), el("ul", { "data-period": period.key },
        ...period.items.map((item) => el("li", { "data-meaningful": String(item.meaningful) }, item.text))));
    }
    if (view.checks.rows.length) {
      const rows = view.checks.rows.map((c) => el("tr", { "data-check": c.id, "data-since-first": c.since_first },
        el("th", { scope: "row" }, el("a", { href: root + c.url }, c.title)), ...c.cells.map((text) => el("td", {}, text))));
      body.append(el("h3", {}, said.check_ins), el("div", { class: "ub-table-scroll" }, el("table", {},
        el("thead", {}, el("tr", {}, ...view.checks.columns.map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, ...rows))));
    }
    body.append(el("p", { class: "ub-verdict", "data-phase-ready": String(view.phase.ready) }, view.phase.text));
    body.append(el("p", { class: "ub-caveat" }, view.caveat));
    body.append(el("p", { class: "ub-next-due" }, `${view.next_due} `,
      el("button", { type: "button", class: "md-button", "data-action": "calendar" }, box.dataset.calendarLabel)));
    return body;
  }

  // The history table (upperback.progress_view.history_table). Each cell carries its column's name, which the
  // stylesheet shows on a phone, where a row reads as a card; the roles keep it a table for screen readers there.
  function history(root, table) {
    const [first, ...rest] = table.columns;
    const cell = (label, ...content) => el("td", { role: "cell", "data-label": label }, ...content);
    const rows = table.rows.map((row) => el("tr", { role: "row", "data-entry": row.id },
      el("th", { scope: "row", role: "rowheader", "data-label": first }, row.cells[0]),
      ...row.cells.slice(1).map((text, i) => cell(rest[i], text)),
      cell(rest[rest.length - 1], el("a", { href: root + row.session.href, "data-session": row.id }, row.session.text))));
    return el("table", { role: "table" },
      el("caption", {}, table.caption),
      el("thead", { role: "rowgroup" }, el("tr", { role: "row" },
        ...table.columns.map((h) => el("th", { scope: "col", role: "columnheader" }, h)))),
      el("tbody", { role: "rowgroup" }, ...rows));
  }

  // Backup copies of saved data that could not be read: listed, exportable and restorable (upperback.storage words them).
  async function showBackups(box, entries) {
    const area = box.querySelector(".ub-backups");
    const said = words(box);
    const kept = await store.backups();
    const log = await ask({ op: "adherence", log: await store.readSessions(), today: today() });  // how many sessions
    const sessions = log.ok ? log.report.saved : 0;
    const backups = kept.map(({ key, size }) => ({ key, size }));
    // Every kind of saved thing, so that "Delete everything" says what it removes (upperback.storage.summary)
    const reply = await ask({ op: "storage_summary", saved: { entries, sessions, backups }, weekly: await store.readWeekly(),
      draft: await store.readDraft(), last_export: await store.lastExport() });
    if (!reply.ok) { area.hidden = false; area.replaceChildren(el("p", { class: "ub-error" }, reply.error)); return null; }
    area.hidden = !reply.summary.backups.length;
    area.replaceChildren(el("h3", {}, said.backups), el("ul", {}, ...reply.summary.backups.map((backup) => {
      const text = kept.find((k) => k.key === backup.key).text;
      const save = el("button", { type: "button", class: "md-button", "data-export-backup": backup.key },
        said.export_copy);
      save.addEventListener("click", () => download(`upper-back-progress-backup-${backup.key.split(".").pop()}.json`, "application/json", text));
      const restore = el("button", { type: "button", class: "md-button", "data-restore-backup": backup.key },
        said.restore_copy);
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
    const said = words(box);
    problems.replaceChildren(...(report.problems.length
      ? [el("p", {}, el("strong", {}, said.unreadable), said.unreadable_kept),
        el("ul", {}, ...report.problems.map((p) => el("li", {}, p)))]
      : []));
    const has = report.entries.length > 0;
    box.querySelector(".ub-progress-empty").hidden = has;
    for (const name of ["summary", "charts", "history"]) box.querySelector(`.ub-progress-${name}`).hidden = !has;
    box.querySelector(".ub-summary-make").hidden = !has;  // the clinician's summary (clinic-summary.js) needs an entry
    if (!has) return;
    box.querySelector(".ub-summary-body").replaceChildren(summary(box, root, reply.view));
    box.querySelector(".ub-next-due").dataset.nextDue = report.next_due;
    box.querySelector(".ub-verdict").dataset.goalMet = String(report.goal_met);
    drawCharts(box, reply.view);
    box.view = reply.view;
    box.querySelector(".ub-history-body").replaceChildren(history(root, reply.view.history));
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
      const reply = await ask({ op: "progress_export", store: saved, sessions: await store.readSessions(), weekly: await store.readWeekly(),
        timer: await store.readTimer() });
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
      if (written.ok && reply.timer) await store.writeTimer(reply.timer);  // the timers' options, as the file has them
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
      status.textContent = written.ok ? reply.message + guided : words(box).not_imported + written.error;
      await refresh(box);
    });
    action("delete").addEventListener("click", async () => {
      const warning = box.summary ? box.summary.delete_warning : box.dataset.deleteWarning;
      if (!window.confirm(warning)) return;
      await store.clear();
      status.textContent = box.dataset.deleted;
      if (ready()) await refresh(box);
    });
    store.onChange(() => { if (ready()) refresh(box); });
    let wide = window.innerWidth;  // a turned phone redraws the charts at their new width, still one unit a pixel
    window.addEventListener("resize", () => {
      if (box.view && window.innerWidth !== wide) { wide = window.innerWidth; drawCharts(box, box.view); }
    });  // another tab saved: show the new history
    attach(box, () => refresh(box));
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
