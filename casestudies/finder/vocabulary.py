"""The finder's vocabulary: the options of every facet (published professions, outcome tags,
settings, kinds, how evaluated, costed), each tag with its mask in the tag summaries, loaded
once per request in three queries so that nothing after it looks a tag up."""

import re
from dataclasses import dataclass, field
from functools import cached_property, reduce

from django.db.models import Exists

from casestudies.models import CaseStudy, OutcomeTag
from professions.models import Profession, Setting
from professions.tagbits import mask_of

# Facet parameter -> (many-to-many field on CaseStudy, its tag-summary column).
M2M_FACETS = {
    "profession": ("professions", "profession_bits"),
    "outcome": ("outcomes", "outcome_bits"),
    "setting": ("settings", "setting_bits"),
}
# Facet parameter -> its column: one value per case study, so counted by grouping on it.
COLUMN_FACETS = {"kind": "kind", "evaluated": "evaluation", "costed": "costed"}
# Shown only once some case study has a value (editors record them; the toolkit gives none).
RECORDED_FACETS = ("evaluated", "costed")
FACETS = [*M2M_FACETS, *COLUMN_FACETS]
LEGENDS = {
    "profession": "Profession",
    "outcome": "Outcome",
    "setting": "Setting",
    "kind": "Type",
    "evaluated": "Evaluated",
    "costed": "Costed",
}
# What a value of the facet is, in "“x” is not a … we know".
NOUNS = {
    **{facet: legend.lower() for facet, legend in LEGENDS.items()},
    "evaluated": "way of evaluating",
    "costed": "costed option",
}
COSTED = "yes"
# The orders of the results: parameter -> (label, ordering).
SORTS = {
    "title": ("Title A to Z", ["title", "pk"]),
    "newest": ("Newest published", ["-published_at", "title", "pk"]),
    "outcomes": ("Most outcomes", ["-outcome_count", "title", "pk"]),
}
DEFAULT_SORT = "title"


@dataclass(frozen=True)
class Term:
    """One option of a facet: a profession, an outcome tag, a setting or a kind."""

    key: int | str | bool  # the database value: a primary key, or the column's value
    slug: str
    name: str
    mask: int = 0  # 1 << bit in the tag summaries (0 for a tag without a bit)


@dataclass
class Vocabulary:
    """The options of every facet, by facet parameter, in display order."""

    terms: dict[str, list[Term]] = field(default_factory=dict)
    # The RECORDED_FACETS that some published case study has a value of.
    recorded: frozenset[str] = frozenset()
    # The content version it was kept per process for (finder.snapshot), or None: loaded.
    version: object = None

    @classmethod
    def load(cls):
        """Three queries: published professions, outcome tags, settings (which also asks
        whether any published case study records how it was evaluated or a cost, so the
        finder knows which facets to show without a query of its own)."""
        published = CaseStudy.objects.published()
        sources = {
            "profession": Profession.objects.published(),
            "outcome": OutcomeTag.objects.all(),
            "setting": Setting.objects.annotate(
                evaluated=Exists(published.exclude(evaluation="")),
                costed=Exists(published.filter(costed=True)),
            ),
        }
        terms, recorded = {}, set()
        for facet, qs in sources.items():
            extra = list(RECORDED_FACETS) if facet == "setting" else []
            terms[facet] = []
            for pk, slug, name, bit, *flags in qs.values_list("pk", "slug", "name", "bit", *extra):
                terms[facet].append(Term(pk, slug, name, mask_of(bit)))
                recorded.update(f for f, flag in zip(extra, flags, strict=True) if flag)
        terms["kind"] = [Term(value, value, label) for value, label in CaseStudy.Kind.choices]
        terms["evaluated"] = [
            Term(value, value, label) for value, label in CaseStudy.Evaluation.choices if value
        ]
        terms["costed"] = [Term(True, COSTED, "Saving or cost stated")]
        return cls(terms, frozenset(recorded))

    @cached_property
    def _by_slug(self):
        return {facet: {t.slug: t for t in terms} for facet, terms in self.terms.items()}

    def by_slug(self, facet) -> dict[str, Term]:
        return self._by_slug[facet]

    def by_key(self, facet) -> dict:
        return {term.key: term for term in self.terms[facet]}

    def terms_in(self, facet, bits) -> list[Term]:
        """The terms of a tag summary, in display order."""
        return [term for term in self.terms[facet] if bits & term.mask]

    def mask_of_names_containing(self, facet, word) -> int:
        """The tags with a word in their name that begins with ``word``: "dietitian" names
        Dietitians and "saving" Cost-saving, but "ot" is not found inside "promotion"."""
        starts_a_word = re.compile(r"(?<!\w)" + re.escape(word.casefold()))
        return reduce(
            int.__or__,
            (t.mask for t in self.terms[facet] if starts_a_word.search(t.name.casefold())),
            0,
        )
