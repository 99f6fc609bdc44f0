"""What a filter asks for, in words: the finder's description of its list ('3 case studies
involving dietitians, in autism settings.'), the feed's title and the empty list's reason."""

from casestudies.finder.vocabulary import FACETS

# How a case study was evaluated, after "evaluated by".
EVALUATED_BY = {
    "peer_reviewed": "peer review",
    "audit": "audit",
    "service_evaluation": "service evaluation",
}


def join_words(names, conjunction="or") -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def selected_names(finder, *, leave_out=None) -> dict[str, list[str]]:
    """facet -> the names of its ticked options, lower case, leaving out one (facet, slug)."""
    return {
        facet: [
            EVALUATED_BY.get(t.slug, t.name.lower()) if facet == "evaluated" else t.name.lower()
            for t in finder.vocabulary.terms[facet]
            if t.slug in finder.selected(facet) and (facet, t.slug) != leave_out
        ]
        for facet in FACETS
    }


def phrases(names, *, match_all, words) -> list[str]:
    """What a filter asks for, as phrases: 'involving dietitians', 'in autism settings'."""
    parts = []
    if names["kind"]:
        parts.append(f"of the type {join_words(names['kind'])}")
    if names["profession"]:
        parts.append(f"involving {join_words(names['profession'])}")
    if names["outcome"]:
        label = "outcomes" if len(names["outcome"]) > 1 else "outcome"
        parts.append(
            f"with the {label} {join_words(names['outcome'], 'and' if match_all else 'or')}"
        )
    if names["setting"]:
        parts.append(f"in {join_words(names['setting'])} settings")
    if names["evaluated"]:
        parts.append(f"evaluated by {join_words(names['evaluated'])}")
    if names["costed"]:
        parts.append("with a saving or cost stated")
    if words:
        parts.append(f"matching “{words}”")
    return parts


def counted(total, parts) -> str:
    """'3 case studies involving dietitians', 'all 20 case studies', '1 case study'."""
    noun = "case study" if total == 1 else "case studies"
    if not parts:
        return f"all {total} {noun}" if total != 1 else f"{total} {noun}"
    return f"{total} {noun} {', '.join(parts)}"


def describe(finder, total) -> str:
    """One sentence saying what the list shows, e.g. '3 case studies involving occupational
    therapists, with the outcome cost-saving, in mental health settings.'"""
    parts = phrases(selected_names(finder), match_all=finder.match_all_outcomes, words=finder.words)
    sentence = counted(total, parts)
    return f"{sentence[0].upper()}{sentence[1:]}."


def the(text) -> str:
    return text if text.startswith("all ") else f"the {text}"


def empty_reason(finder) -> str:
    """Why the list is empty, e.g. 'No case studies with the outcome improve and establish
    health equity, in learning disability settings yet.'"""
    parts = phrases(selected_names(finder), match_all=finder.match_all_outcomes, words=finder.words)
    return f"There are no case studies {', '.join(parts)} yet."
