"""Everything the questionnaire asks: red flags first, then about you (conditions, age, pain), then check-ins
pelvis up, then the person's activities."""
from .answers import AGE_BANDS, DURATIONS, asked_conditions
from .content import load


def questions(root=None):
    content = load(root)
    from .flow import steps
    from .progress import MAX_ACTIVITIES, MAX_ACTIVITY_NAME

    return {
        "steps": steps(),
        "activities": {"count": MAX_ACTIVITIES, "max_name": MAX_ACTIVITY_NAME},
        "red_flags": [{"id": f["id"], "level": f["level"], "text": f["question"]} for f in content.red_flags.values()],
        "checks": [
            {
                "id": c["id"],
                "title": c["title"],
                "url": f"checks/{c['id']}/",
                "outcomes": [{"id": o["id"], "label": o["label"], "normal": o["normal"]} for o in c["outcomes"]],
            }
            for c in content.checks.values()
        ],
        "conditions": [{"id": c["id"], "text": c["question"]} for c in asked_conditions(content)],
        "pain": {
            "min": 0,
            "max": 10,
            "text": "How bad is your upper back or neck-shoulder pain today, from 0 (none) to 10 (worst imaginable)?",
        },
        "age_band": {"text": "Your age", "options": [{"id": k, "label": v} for k, v in AGE_BANDS.items()]},
        "pain_duration": {
            "text": "How long have you had this pain?",
            "options": [{"id": k, "label": v} for k, v in DURATIONS.items()],
        },
    }
