from editorial.search.kinds import Document, Kind, register
from editorial.search.text import plain_text


def career_story(obj):
    answers = [part for a in obj.answers.all() for part in (a.question, a.answer)]
    text = plain_text(obj.job_title, obj.organisation, obj.profession.name, obj.summary, *answers)
    return Document(obj.name, text, obj.get_absolute_url())


def resource(obj):
    return Document(obj.title, plain_text(obj.description), obj.url)


def register_kinds():
    register(
        Kind(
            "careers.careerstory",
            "career-stories",
            "Career story",
            "Career stories",
            career_story,
            related=("profession", "answers"),
            parts=("answers",),
            number=5,
        )
    )
    register(Kind("careers.resource", "resources", "Resource", "Resources", resource, number=6))
