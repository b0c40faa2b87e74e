"""The fixed words the page scripts show (headings, button text, labels, the lead of an error), so that no script
composes text a person reads. Each page's template renders its group into a data-words attribute (JSON) on the
page's box; the script reads it there (UpperBackEngine.words) and fills a {slot} only with a number or a name
(UpperBackEngine.fill). Sentences that depend on the person's data stay with the view that computes them.

One module rather than one group in each view module: these words belong to the scripts' fixed frame, not to
any view's computation, several pages (the hold timer, the figures, the list filter) have no view module, and
one place lets a test check every group and slot at once."""

EXPORT_RAW = "Export the raw saved data"  # the progress page's button; the unreadable-data note names it

WORDS = {
    "assessment": {
        "call": "Call {number}",
        "call_where": " ({where})",
        "first": "What to do first",
        "why": "Why: ",
        "later": "Later",
        "left_out": "Left out",
        "next_checks": "Check-ins to do next",
        "share_heading": "Keep or share this plan",
        "share_text": "This link reopens the same plan. Your answers are kept after the # sign, which is never sent "
        "to a server.",
        "share_label": "Link to this plan",
        "print": "Print this plan",
        "failed": "We could not make a plan. ",
        "not_saved": "Not saved: ",
        "saved": "Saved on this device. ",
        "see_progress": "See your progress",
    },
    "progress": {
        "safety_page": "Safety page",
        "check_ins": "Check-ins",
        "backups": "Backup copies",
        "export_copy": "Export this copy",
        "restore_copy": "Make this the saved history",
        "unreadable": "Some saved data could not be read. ",
        "unreadable_kept": f"Nothing has been deleted: use “{EXPORT_RAW}” below to keep a full copy.",
        "not_imported": "Nothing was imported: ",
        "export_raw": EXPORT_RAW,
    },
    "timer": {
        "ready": "Ready when you are",
        "done": "Done",
        "count": "{done} of {holds} holds done",
        "step": "{label}, {seconds} seconds",
        "finished": "Done: {holds} holds",
        "start": "Start",
        "resume": "Resume",
        "paused": "Paused",
        "reset": "Timer reset",
    },
    "figure": {"play": "Play", "pause": "Pause"},
    "filter": {"count": "{shown} of {total} techniques shown"},
    "programme": {
        "no_qr": "No QR code: ",
        "qr_label": "QR code of the programme link",
        "problems": "Some of this link could not be used. ",
        "problems_rest": "What could be read is shown.",
        "no_link": "No link yet: ",
        "cannot_open": "This programme link cannot be opened. ",
        "up": "Up",
        "down": "Down",
        "remove": "Remove",
        "move_up": "Move up {title}",
        "move_down": "Move down {title}",
        "remove_label": "Remove {title}",
        "title": "Your exercise programme",
        "title_named": "{name}, your exercise programme",
    },
    "summary": {
        "qr_label": "QR code of the summary link",
        "cannot_open": "This summary link cannot be opened. ",
    },
}
