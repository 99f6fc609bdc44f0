from editorial.search.kinds import Document, Kind, register
from editorial.search.text import plain_text


def case_study(obj):
    return Document(obj.title, plain_text(obj.summary, obj.publisher), obj.get_absolute_url())


def register_kinds():
    register(
        Kind(
            "casestudies.casestudy",
            "case-studies",
            "Case study",
            "Case studies",
            case_study,
            number=4,
        )
    )
