"""Issue bodies written the way GitHub writes a submitted issue form, from generator.issue_forms."""

from __future__ import annotations

from generator.issue_forms import BY_KIND


def body(kind: str, **answers: object) -> str:
    """Every question of the form in order; a list answer to a checkbox question ticks those."""
    parts = []
    for q in BY_KIND[kind].questions:
        value = answers.get(q.id)
        if q.type == "checkboxes":
            options = q.options if isinstance(q.options, list) else []
            ticked = value if isinstance(value, list) else ([] if value is None else [value])
            text = "\n".join(f"- [{'X' if o in ticked else ' '}] {o}" for o in options)
        elif value is None or value == "":
            text = "_No response_"
        elif q.id == "listing_yaml":
            text = f"```yaml\n{value}\n```"
        else:
            text = ", ".join(value) if isinstance(value, list) else str(value)
        parts.append(f"### {q.label}\n\n{text}")
    return "\n\n".join(parts) + "\n"


NEW = {
    "organisation": "Garston Knit and Natter",
    "activity": "Wednesday Knit and Natter",
    "summary": "Bring your knitting or learn from scratch, with tea and biscuits.",
    "categories": ["Arts and creativity"],
    "frequency": "Every week",
    "days": ["Wednesday"],
    "start": "13:30",
    "end": "15:30",
    "venue": "Garston Village Hall",
    "cost": "Free",
    "access": "Just turn up",
    "checked_by": "Mary Example",
}
