"""Each section of toolkit.yaml as the items it describes, in the order they load (a
section may refer only to those before it). ``Loader`` supplies ``sync`` and
``objects_by_slug``; the careers sections are in ``careers_sections``."""

from django.utils.text import slugify

from content.careers_sections import CareerSections
from content.items import ContentError, Item, digest
from editorial.publishing import Status
from editorial.richtext import markdown_to_html


class Sections(CareerSections):
    def load_settings(self, data):
        for order, entry in enumerate(data["settings"], start=1):
            slug = slugify(entry["name"])
            self.sync(
                Item(
                    key=f"setting:{slug}",
                    model="professions.Setting",
                    lookup={"slug": slug},
                    values={"name": entry["name"], "order": order},
                )
            )

    def load_professions(self, data):
        for entry in data["professions"]:
            slug = slugify(entry["name"])
            self.sync(
                Item(
                    key=f"profession:{slug}",
                    model="professions.Profession",
                    lookup={"slug": slug},
                    values={
                        "name": entry["name"],
                        "summary": entry["summary"].strip(),
                        "description": markdown_to_html(entry["description"]),
                        "regulator": entry["regulator"],
                        "is_core": entry["is_core"],
                        "learning_disability_offer": markdown_to_html(
                            entry.get("learning_disability_offer") or ""
                        ),
                        "entry_routes": markdown_to_html(entry.get("entry_routes") or ""),
                        "order": entry["order"],
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_workforce(self, data):
        rows = list(data["workforce_figures"])
        for order, entry in enumerate(rows, start=1):
            self.sync(
                Item(
                    key=f"workforce:{slugify(entry['label'])}",
                    model="professions.WorkforceFigure",
                    lookup={"label": entry["label"], "is_total": False},
                    values={
                        "label": entry["label"],
                        "count": entry["count"],
                        "source": entry["source"],
                        "as_of": str(entry["as_of"]),
                        "order": order,
                        "is_total": False,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry["professions"]
                        )
                    },
                )
            )
        total = data["workforce_total"]
        self.sync(
            Item(
                key="workforce:total",
                model="professions.WorkforceFigure",
                lookup={"is_total": True},
                values={
                    "label": "Total",
                    "count": total["count"],
                    "source": total["source_line"],
                    "as_of": "",
                    "order": len(rows) + 1,
                    "is_total": True,
                    "status": Status.PUBLISHED,
                },
            )
        )

    def load_quotes(self, data):
        for order, entry in enumerate(data["quotes"], start=1):
            text = entry["text"].strip()
            profession = None
            if entry.get("profession"):
                (profession,) = self.objects_by_slug(
                    "professions.Profession", [entry["profession"]]
                )
            self.sync(
                Item(
                    key=f"quote:{slugify(entry['person'])}:{digest({'t': text})[:12]}",
                    model="professions.Quote",
                    lookup={"person": entry["person"], "text": text},
                    values={
                        "text": text,
                        "person": entry["person"],
                        "role": entry.get("role") or "",
                        "profession": profession,
                        "section": entry.get("section") or "",
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_outcomes(self, data):
        for order, entry in enumerate(data["outcomes"], start=1):
            slug = slugify(entry["name"])
            self.sync(
                Item(
                    key=f"outcome:{slug}",
                    model="casestudies.OutcomeTag",
                    lookup={"slug": slug},
                    values={
                        "name": entry["name"],
                        "description": entry.get("description") or "",
                        "order": order,
                    },
                )
            )

    def outcome_slugs(self, data, printed_names):
        by_name = {}
        for entry in data["outcomes"]:
            for name in [entry["name"], *(entry.get("aliases") or [])]:
                by_name[name.strip().lower()] = slugify(entry["name"])
        missing = [n for n in printed_names if n.strip().lower() not in by_name]
        if missing:
            raise ContentError(f"unknown outcome tags: {', '.join(missing)}")
        return list(dict.fromkeys(by_name[n.strip().lower()] for n in printed_names))

    def load_case_studies(self, data):
        for order, entry in enumerate(data["case_studies"], start=1):
            slug = slugify(entry["title"])[:255]
            outcomes = self.outcome_slugs(data, entry.get("outcomes_as_printed") or [])
            # Only where the toolkit gives the source's year; how it was evaluated and whether
            # it is costed are left to editors (the toolkit says neither).
            year = {"source_year": entry["source_year"]} if entry.get("source_year") else {}
            self.sync(
                Item(
                    key=f"case-study:{slug}",
                    model="casestudies.CaseStudy",
                    lookup={"slug": slug},
                    values={
                        "title": entry["title"],
                        "summary": markdown_to_html(entry.get("summary") or ""),
                        "source_url": entry["source_url"],
                        "publisher": entry.get("publisher") or "",
                        "kind": entry["kind"],
                        **year,
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry.get("professions") or []
                        ),
                        "outcomes": self.objects_by_slug("casestudies.OutcomeTag", outcomes),
                        "settings": self.objects_by_slug(
                            "professions.Setting", entry.get("settings") or []
                        ),
                    },
                )
            )

    def load_pages(self, data):
        for entry in data["pages"]:
            slug = entry.get("slug") or slugify(entry["title"])
            self.sync(
                Item(
                    key=f"page:{slug}",
                    model="pages.Page",
                    lookup={"slug": slug},
                    values={
                        "title": entry["title"],
                        "summary": (entry.get("summary") or "").strip(),
                        "body": markdown_to_html(entry.get("body") or ""),
                        "order": entry["order"],
                        "show_in_navigation": bool(entry.get("show_in_navigation")),
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_checklist(self, data):
        for number, entry in enumerate(data["checklist_actions"], start=1):
            outcomes = self.outcome_slugs(data, entry.get("outcomes") or [])
            self.sync(
                Item(
                    key=f"checklist-action:{number}",
                    model="checklist.Action",
                    lookup={"number": number},
                    values={
                        "title": entry["title"].strip(),
                        "guidance": markdown_to_html(entry.get("guidance") or ""),
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry.get("professions") or []
                        ),
                        "outcomes": self.objects_by_slug("casestudies.OutcomeTag", outcomes),
                        "pages": self.objects_by_slug("pages.Page", entry.get("pages") or []),
                    },
                )
            )

    def load_key_facts(self, data):
        for order, entry in enumerate(data["key_facts"], start=1):
            self.sync(
                Item(
                    key=f"key-fact:{slugify(entry['figure'] + ' ' + entry['label'])[:250]}",
                    model="pages.KeyFact",
                    lookup={"figure": str(entry["figure"]), "label": entry["label"]},
                    values={
                        "figure": str(entry["figure"]),
                        "label": entry["label"],
                        "source": entry["source"],
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                )
            )
