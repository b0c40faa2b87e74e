// The one place that touches what this device keeps. Where things are kept, and every message about saving, come
// from the engine at build time (upperback.storage, in the #ub-storage-names element's data-names); this script
// only moves text, and reports a failed write instead of losing it silently.
//
// Saved text lives in IndexedDB. localStorage was tried first: with navigator.locks held across read, merge and
// write, two tabs saving 40 entries at once still lost 2 to 6 of them in Chromium, because a write in one tab
// reaches another tab's localStorage only later. IndexedDB transactions are consistent across tabs. Text saved in
// localStorage by earlier versions is moved over once, and removed only after IndexedDB has it. Where IndexedDB
// cannot open (some private modes), localStorage is used as before.
window.UpperBackStorage = (function () {
  let names = null;
  function settings() {
    if (!names) names = JSON.parse(document.getElementById("ub-storage-names").dataset.names);
    return names;
  }
  // Saved texts the engine merges, each with backups: the history, the session log, the weekly check-ins.
  const logs = () => [settings().progress, settings().sessions, settings().weekly];
  const ours = (key) => [settings().last_export, settings().draft, settings().timer, ...logs()].includes(key) ||
    logs().some((log) => key.startsWith(log + settings().backup_infix));
  const failure = (error) => ({ ok: false, error: error && (error.name === "QuotaExceededError" || error.code === 22) ? settings().full : settings().blocked });

  // -- localStorage, for browsers where IndexedDB cannot open, and for moving old data over -------------------------
  const local = {
    keys() { try { return Object.keys(localStorage).filter(ours); } catch { return []; } },
    get(key) { try { return localStorage.getItem(key); } catch { return null; } },
    put(key, text) { try { localStorage.setItem(key, text); return { ok: true }; } catch (error) { return failure(error); } },
    remove(key) { try { localStorage.removeItem(key); } catch { /* nothing to remove */ } },
  };

  // -- IndexedDB ---------------------------------------------------------------------------------------------------
  const STORE = "saved";
  let opening = null;
  function open() {
    if (!opening) {
      opening = new Promise((resolve) => {
        let request;
        try { request = indexedDB.open(settings().database, 1); } catch { resolve(null); return; }
        request.onupgradeneeded = () => request.result.createObjectStore(STORE);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
      }).then((db) => (db ? moveOver(db) : null));
    }
    return opening;
  }

  // One transaction; resolves with what `work` returns (an IDBRequest's result, or a plain value) once it commits.
  function transact(db, mode, work) {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const outcome = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(outcome instanceof IDBRequest ? outcome.result : outcome);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }

  // Text left in localStorage moves into IndexedDB. Where IndexedDB already holds that key, its text stays and the
  // older text is kept as a backup copy: nothing is overwritten. The very same text is not kept twice: two pages
  // opened at once (or one closing as the next opens) can both find it before either has removed it.
  async function moveOver(db) {
    const keys = local.keys();
    if (!keys.length) return db;
    try {
      const held = new Map();
      await transact(db, "readonly", (store) => {
        for (const key of keys) {
          const request = store.get(key);
          request.onsuccess = () => { if (request.result !== undefined) held.set(key, request.result); };
        }
      });
      const backup = (n) => `${settings().progress}${settings().backup_infix}${Date.now() + n}`;
      await transact(db, "readwrite", (store) => {
        keys.forEach((key, n) => {
          const text = local.get(key);
          if (!held.has(key)) store.put(text, key);
          else if (held.get(key) !== text) store.put(text, backup(n));
        });
      });
      for (const key of keys) local.remove(key);  // only once IndexedDB holds every one
    } catch { /* left in localStorage, to move next time */ }
    return db;
  }

  async function get(key) {
    const db = await open();
    if (!db) return local.get(key) || "";
    try { return (await transact(db, "readonly", (store) => store.get(key))) || ""; } catch { return ""; }
  }

  async function put(key, text) {
    const db = await open();
    if (!db) return local.put(key, text);
    try { await transact(db, "readwrite", (store) => store.put(text, key)); } catch (error) { return failure(error); }
    tellOtherTabs();
    return { ok: true };
  }

  async function keys() {
    const db = await open();
    if (!db) return local.keys();
    try { return (await transact(db, "readonly", (store) => store.getAllKeys())).filter(ours); } catch { return []; }
  }

  let channel = null;
  const tabs = () => channel || (channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(settings().lock));
  function tellOtherTabs() { if (tabs()) tabs().postMessage("changed"); }

  // Two tabs saving at once: each holds the lock across read, the engine's merge and write, so the second reads
  // what the first wrote and no entry is lost. change(current) resolves to {ok, text} or {ok: false, error}.
  // The same for the session log, under its own lock (storage.names(): sessions, sessions_lock).
  async function update(change, key = settings().progress, lock = settings().lock) {
    const run = async () => {
      const result = await change(await get(key));
      return result.ok ? put(key, result.text) : result;
    };
    return navigator.locks ? navigator.locks.request(lock, run) : run();
  }

  // Whether the browser keeps the data: persisted() never asks; persist() may show a prompt, so only at a save.
  async function persisted() {
    try { return navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : null; } catch { return null; }
  }
  async function persist() {
    try { return navigator.storage && navigator.storage.persist ? (await persisted()) || (await navigator.storage.persist()) : null; } catch { return null; }
  }

  const backupPrefix = (log = settings().progress) => log + settings().backup_infix;
  return {
    read: () => get(settings().progress),
    update: (change) => update(change),
    // The guided sessions' log: read, and changed under its lock like the history.
    readSessions: () => get(settings().sessions),
    updateSessions: (change) => update(change, settings().sessions, settings().sessions_lock),
    backUpSessions: (text) => put(backupPrefix(settings().sessions) + Date.now(), text),
    // The weekly check-ins (upperback.weekly): read, and changed under their own lock.
    readWeekly: () => get(settings().weekly),
    updateWeekly: (change) => update(change, settings().weekly, settings().weekly_lock),
    backUpWeekly: (text) => put(backupPrefix(settings().weekly) + Date.now(), text),
    persist,
    persisted,
    lastExport: async () => (await get(settings().last_export)) || null,
    // A half-done assessment, to resume where the person left off (never its warning signs).
    readDraft: () => get(settings().draft),
    writeDraft: (text) => put(settings().draft, text),
    exported: (date) => put(settings().last_export, date),
    // The timers' options (upperback.timer): the get-ready seconds the person picked, as text.
    readTimer: () => get(settings().timer),
    writeTimer: (text) => put(settings().timer, text),
    // Keep a whole copy of text that could not be fully read, before anything replaces it.
    backUp: (text) => put(backupPrefix() + Date.now(), text),
    async backups() {
      const found = (await keys()).filter((key) => logs().some((log) => key.startsWith(backupPrefix(log)))).sort();
      return Promise.all(found.map(async (key) => { const text = await get(key); return { key, size: text.length, text }; }));
    },
    // A backup becomes the saved text it was copied from again; what was saved is itself kept as a backup first.
    restore(key) {
      const log = logs().find((name) => key.startsWith(backupPrefix(name)));
      return update(async (current) => {
        if (current) {
          const kept = await put(backupPrefix(log) + Date.now(), current);
          if (!kept.ok) return kept;
        }
        return { ok: true, text: await get(key) };
      }, log, { [settings().sessions]: settings().sessions_lock, [settings().weekly]: settings().weekly_lock }[log] || settings().lock);
    },
    async clear() {
      const db = await open();
      const all = await keys();
      if (db) await transact(db, "readwrite", (store) => { for (const key of all) store.delete(key); });
      for (const key of local.keys()) local.remove(key);
      tellOtherTabs();
    },
    // Another tab saved: call back so the page can show the new history.
    onChange(callback) {
      if (tabs()) tabs().addEventListener("message", callback);
      window.addEventListener("storage", (event) => { if (event.key === null || ours(event.key)) callback(); });
    },
  };
})();
