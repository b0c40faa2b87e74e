// The one place that touches this device's storage (localStorage). Where things are kept, and every message
// about saving, come from the engine at build time (upperback.storage, in the #ub-storage-names JSON the page
// carries); this script only moves text, and reports a failed write instead of losing it silently.
window.UpperBackStorage = (function () {
  let names = null;
  function settings() {
    if (!names) names = JSON.parse(document.getElementById("ub-storage-names").textContent);
    return names;
  }

  // A write that fails (storage full, or blocked by a privacy setting) changes nothing and says why.
  function put(key, text) {
    try {
      localStorage.setItem(key, text);
      return { ok: true };
    } catch (error) {
      const full = error && (error.name === "QuotaExceededError" || error.code === 22);
      return { ok: false, error: full ? settings().full : settings().blocked };
    }
  }

  function get(key) {
    try { return localStorage.getItem(key) || ""; } catch { return ""; }
  }

  const backupPrefix = () => settings().progress + settings().backup_infix;
  function keys() {
    try { return Object.keys(localStorage); } catch { return []; }
  }

  return {
    read: () => get(settings().progress),
    write: (text) => put(settings().progress, text),
    // Keep a whole copy of text that could not be fully read, before anything replaces it.
    backUp: (text) => put(backupPrefix() + Date.now(), text),
    backups: () => keys().filter((key) => key.startsWith(backupPrefix())).sort()
      .map((key) => ({ key, size: get(key).length, text: get(key) })),
    // A backup becomes the saved history again; what was saved is itself kept as a backup first.
    restore(key) {
      const current = get(settings().progress);
      if (current) {
        const kept = put(backupPrefix() + Date.now(), current);
        if (!kept.ok) return kept;
      }
      return put(settings().progress, get(key));
    },
    clear() {
      for (const key of keys()) if (key === settings().progress || key.startsWith(backupPrefix())) localStorage.removeItem(key);
    },
  };
})();
