from editorial.search.kinds import Document, Kind, register
from editorial.search.text import plain_text


def profession(obj):
    text = plain_text(obj.summary, obj.description, obj.learning_disability_offer)
    return Document(obj.name, text, obj.get_absolute_url())


def register_kinds():
    register(
        Kind(
            "professions.profession",
            "professions",
            "Profession",
            "Professions",
            profession,
            boost=1.5,
            number=1,
        )
    )
