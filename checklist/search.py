from editorial.search.kinds import Document, Kind, register
from editorial.search.text import plain_text


def action(obj):
    return Document(f"{obj.number}. {obj.title}", plain_text(obj.guidance), obj.get_absolute_url())


def register_kinds():
    register(
        Kind(
            "checklist.action",
            "checklist",
            "Checklist action",
            "Checklist actions",
            action,
            number=3,
        )
    )
