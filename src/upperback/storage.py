"""What this device keeps, in words: the names of the saved things, their backup copies, and every message about
them. The page's one storage script (docs/javascripts/storage.js) moves the text in and out of localStorage; what
it may say, and what a deletion removes, is decided here.

A backup copy is made whenever saved text that could not be fully read would otherwise be replaced, so nothing a
person saved is ever lost without them choosing to delete it. Backups are listed, exported and restorable on
/progress/, and "Delete everything" names them before it removes them.
"""
import datetime

from .errors import AnswerError

PROGRESS_KEY = "upper-back-guide.progress"
BACKUP_INFIX = ".backup."  # a backup's key: PROGRESS_KEY + BACKUP_INFIX + milliseconds since 1970
FULL = ("This browser's storage for the site is full, so nothing was saved and nothing already saved was changed. "
        "Export your history to a file, then delete old backup copies below, or free space in your browser's settings.")
BLOCKED = ("This browser does not let the site save anything (private browsing or a privacy setting may block it). "
           "Nothing was saved. Export a file to keep your results.")

# Before the engine has counted what is saved, the page can still delete: it then says this.
DELETE_WARNING = ("This deletes every check-in saved in this browser, and any backup copies. It cannot be undone. "
                  "Export a copy first if you may need it. Delete everything?")
DELETED = "Everything saved on this device has been deleted, backup copies included."


def names():
    """The storage script's settings: where things are kept and what to say when saving fails."""
    return {"progress": PROGRESS_KEY, "backup_infix": BACKUP_INFIX, "full": FULL, "blocked": BLOCKED}


def _when(key):
    stamp = key.rsplit(BACKUP_INFIX, 1)[-1]
    if not stamp.isdigit() or len(stamp) > 15:
        return "an unknown date"
    moment = datetime.datetime.fromtimestamp(int(stamp) / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def summary(saved):
    """What is kept, for the page to list: {"backups": [{key, label}], "delete_warning": text}.
    saved: {"entries": number of readable check-in entries, "backups": [{"key", "size"}]}."""
    if not isinstance(saved, dict) or not isinstance(saved.get("backups", []), list):
        raise AnswerError("the storage summary needs {\"entries\": n, \"backups\": [{\"key\", \"size\"}]}")
    entries = saved.get("entries", 0)
    if isinstance(entries, bool) or not isinstance(entries, int) or entries < 0:
        raise AnswerError("entries must be a whole number of 0 or more")
    backups = []
    for item in saved.get("backups", []):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or not item["key"].startswith(PROGRESS_KEY + BACKUP_INFIX):
            raise AnswerError("each backup needs the key it is saved under")
        size = item.get("size") if isinstance(item.get("size"), int) and not isinstance(item.get("size"), bool) else 0
        backups.append({"key": item["key"], "label": f"Backup copy kept on {_when(item['key'])} ({max(1, round(size / 1024))} KB)"})
    backups.sort(key=lambda b: b["key"])
    parts = [f"{entries} saved check-in{'' if entries == 1 else 's'}"]
    if backups:
        parts.append(f"{len(backups)} backup cop{'y' if len(backups) == 1 else 'ies'} of data that could not be read")
    warning = (f"This deletes {' and '.join(parts)} from this browser. It cannot be undone. "
               "Export a copy first if you may need it. Delete everything?")
    return {"backups": backups, "delete_warning": warning}
