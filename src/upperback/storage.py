"""What this device keeps, in words: the names of the saved things, their backup copies, and every message about
them. The page's one storage script (docs/javascripts/storage.js) moves the text in and out of localStorage; what
it may say, and what a deletion removes, is decided here.

A backup copy is made whenever saved text that could not be fully read would otherwise be replaced, so nothing a
person saved is ever lost without them choosing to delete it. Backups are listed, exported and restorable on
/progress/, and "Delete everything" names them before it removes them.
"""
import datetime

from .errors import AnswerError

DATABASE = "upper-back-guide"  # IndexedDB database (docs/javascripts/storage.js says why not localStorage)
PROGRESS_KEY = "upper-back-guide.progress"
DRAFT_KEY = "upper-back-guide.assessment-draft"  # a half-done assessment (never its warning signs), to resume
SESSIONS_KEY = "upper-back-guide.sessions"  # the guided sessions' log (upperback.sessionlog)
SESSIONS_LOCK = "upper-back-guide.sessions"  # held across read, engine change and write of the session log
WEEKLY_KEY = "upper-back-guide.weekly"  # the weekly check-ins (upperback.weekly)
WEEKLY_LOCK = "upper-back-guide.weekly"  # held across read, engine change and write of the weekly check-ins
TIMER_KEY = "upper-back-guide.timer"  # the timers' options: the get-ready seconds picked (upperback.timer)
LAST_EXPORT_KEY = "upper-back-guide.last-export"  # the date of the last export, for the backup reminder
LOCK = "upper-back-guide.progress"  # navigator.locks name held across read, engine merge and write
EXPORT_REMINDER_DAYS = 14
BACKUP_INFIX = ".backup."  # a backup's key: PROGRESS_KEY (or SESSIONS_KEY) + BACKUP_INFIX + milliseconds since 1970
FULL = ("This browser's storage for the site is full, so nothing was saved and nothing already saved was changed. "
        "Export your history to a file, then delete old backup copies below, or free space in your browser's settings.")
BLOCKED = ("This browser does not let the site save anything (private browsing or a privacy setting may block it). "
           "Nothing was saved. Export a file to keep your results.")

# Before the engine has counted what is saved, the page can still delete: it then says this.
DELETE_WARNING = ("This deletes every check-in, weekly check-in and guided session saved in this browser, your last "
                  "self-assessment answers, the date of your last export and any backup copies. "
                  "It cannot be undone. "
                  "Export a copy first if you may need it. Delete everything?")
DELETED = "Everything saved on this device has been deleted, backup copies included."


def names():
    """The storage script's settings: where things are kept and what to say when saving fails."""
    return {
        "database": DATABASE,
        "progress": PROGRESS_KEY,
        "backup_infix": BACKUP_INFIX,
        "last_export": LAST_EXPORT_KEY,
        "draft": DRAFT_KEY,
        "lock": LOCK,
        "sessions": SESSIONS_KEY,
        "sessions_lock": SESSIONS_LOCK,
        "weekly": WEEKLY_KEY,
        "weekly_lock": WEEKLY_LOCK,
        "timer": TIMER_KEY,
        "full": FULL,
        "blocked": BLOCKED,
    }


# What each kind of backup copy holds, as its label says it (the check-ins' label stays as it was).
BACKED_UP = {PROGRESS_KEY: "", SESSIONS_KEY: " of the session log", WEEKLY_KEY: " of the weekly check-ins"}

KEPT = "Your browser has agreed to keep this data: it will not clear it to free space."
NOT_KEPT = (
    "Your browser has not promised to keep this data. It may clear it when space runs low, and Safari on "
    "iPhone and iPad clears a site's saved data after 7 days without a visit, unless the site is added to "
    "the Home Screen. Add this site to your Home Screen, and export a copy now and then."
)


def durability(persisted, last_export, today):
    """Whether the saved history is safe from being cleared, and whether to remind about an export, in words.
    persisted: what navigator.storage.persisted() said (None: the browser cannot say); dates as 2026-11-24."""
    if persisted is not None and not isinstance(persisted, bool):
        raise AnswerError("persisted must be true, false or null")
    day = _day(today, "today")
    last = _day(last_export, "the last export date") if last_export else None
    text = KEPT if persisted else NOT_KEPT
    remind = not persisted and (last is None or (day - last).days > EXPORT_REMINDER_DAYS)
    if remind and last is None:
        text += " You have not exported your history yet: export a copy to keep it safe."
    elif remind:
        text += (
            f" Your last export was on {last.isoformat()}, more than {EXPORT_REMINDER_DAYS} days ago: "
            "export a fresh copy."
        )
    return {"persisted": bool(persisted), "remind": remind, "text": text}


def _day(value, what):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise AnswerError(f"{what} must look like 2026-11-24; got {str(value)[:40]!r}") from None


def _when(key):
    stamp = key.rsplit(BACKUP_INFIX, 1)[-1]
    if not stamp.isdigit() or len(stamp) > 15:
        return "an unknown date"
    moment = datetime.datetime.fromtimestamp(int(stamp) / 1000, tz=datetime.UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _saved_text(value, what):
    if value is not None and not isinstance(value, str):
        raise AnswerError(f"{what} must be the saved text, or null")
    return value or ""


def summary(saved, weekly_text=None, draft_text=None, last_export=None):
    """What is kept, for the page to list: {"backups": [{key, label}], "delete_warning": text}. The warning names,
    with counts, every kind of thing names() keeps, as export has them and beyond.
    saved: {"entries": number of readable check-in entries, "sessions": number of guided sessions (optional),
    "weekly": number of weekly check-ins (optional; counted from weekly_text when that is given),
    "backups": [{"key", "size"}]}. weekly_text, draft_text, last_export: the saved texts under WEEKLY_KEY,
    DRAFT_KEY and LAST_EXPORT_KEY, or null."""
    if not isinstance(saved, dict) or not isinstance(saved.get("backups", []), list):
        raise AnswerError('the storage summary needs {"entries": n, "backups": [{"key", "size"}]}')
    counts = {}
    for name in ("entries", "sessions", "weekly"):
        counts[name] = saved.get(name, 0)
        if isinstance(counts[name], bool) or not isinstance(counts[name], int) or counts[name] < 0:
            raise AnswerError(f"{name} must be a whole number of 0 or more")
    weekly_text = _saved_text(weekly_text, "the weekly check-ins")
    if weekly_text:
        from .weekly import read

        counts["weekly"] = len(read(weekly_text)["checkins"])
    draft = bool(_saved_text(draft_text, "the assessment draft"))
    exported = bool(_saved_text(last_export, "the last export date"))
    backups = []
    for item in saved.get("backups", []):
        key = item.get("key") if isinstance(item, dict) else None
        of = next(
            (
                what
                for prefix, what in BACKED_UP.items()
                if isinstance(key, str) and key.startswith(prefix + BACKUP_INFIX)
            ),
            None,
        )
        if of is None:
            raise AnswerError("each backup needs the key it is saved under")
        size = item.get("size") if isinstance(item.get("size"), int) and not isinstance(item.get("size"), bool) else 0
        backups.append({"key": key, "label": f"Backup copy{of} kept on {_when(key)} ({max(1, round(size / 1024))} KB)"})
    backups.sort(key=lambda b: b["key"])
    parts = [_count(counts["entries"], "saved check-in")]
    if counts["sessions"]:
        parts.append(_count(counts["sessions"], "guided session"))
    if counts["weekly"]:
        parts.append(_count(counts["weekly"], "weekly check-in"))
    if draft:
        parts.append(DRAFT_WORDS)
    if exported:
        parts.append(EXPORT_WORDS)
    if backups:
        parts.append(f"{len(backups)} backup cop{'y' if len(backups) == 1 else 'ies'} of data that could not be read")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    warning = (
        f"From this browser, this deletes {listed}. It cannot be undone. "
        "Export a copy first if you may need it. Delete everything?"
    )
    return {"backups": backups, "delete_warning": warning}


DRAFT_WORDS = "your last self-assessment answers (kept to fill in the form next time)"
EXPORT_WORDS = "the date of your last export"


def _count(n, thing):
    return f"{n} {thing}{'' if n == 1 else 's'}"
