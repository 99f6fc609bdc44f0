"""What a filter panel shows: each facet's options with their counts, and what was ignored."""

from dataclasses import dataclass

LEGENDS = {"profession": "Profession", "setting": "Setting", "step": "Pathway step"}


@dataclass(frozen=True)
class Option:
    slug: str
    name: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    legend: str
    options: list[Option]


@dataclass
class Panel:
    total: int
    facets: list[Facet]
    selected_count: int
    ignored: list[tuple[str, str]]
    noun: tuple[str, str]

    @property
    def total_text(self) -> str:
        return f"{self.total} {self.noun[0] if self.total == 1 else self.noun[1]}"

    @property
    def ignored_text(self) -> str:
        if not self.ignored:
            return ""
        named = ", ".join(f"{LEGENDS.get(p, p).lower()} “{v}”" for p, v in self.ignored[:5])
        return f"We did not recognise {named}, so we ignored it and show the rest."


def facet_panel(finder, *, noun) -> Panel:
    total, counts = finder.counts()
    facets = []
    for facet in finder.facets:
        chosen = set(finder.selected(facet))
        facets.append(
            Facet(
                facet,
                LEGENDS[facet],
                [
                    Option(t.slug, t.name, counts[facet][t.slug], t.slug in chosen)
                    for t in finder.vocabulary.terms[facet]
                ],
            )
        )
    return Panel(total, facets, finder.selected_count, finder.ignored, noun)
