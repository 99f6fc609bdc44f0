"""The careers sections of toolkit.yaml: pathway steps first, then the stories and resources
that refer to them."""

from django.utils.text import slugify

from content.items import Item
from editorial.publishing import Status
from editorial.richtext import markdown_to_html


class CareerSections:
    def load_pathways(self, data):
        for order, entry in enumerate(data["pathways"], start=1):
            slug = slugify(entry["title"])
            self.sync(
                Item(
                    key=f"pathway:{slug}",
                    model="careers.PathwayStep",
                    lookup={"slug": slug},
                    values={
                        "title": entry["title"],
                        "kind": entry["kind"],
                        "summary": (entry.get("summary") or "").strip(),
                        "entry": markdown_to_html(entry.get("entry") or ""),
                        "body": markdown_to_html(entry.get("body") or ""),
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def step_or_none(self, slug):
        if not slug:
            return None
        (step,) = self.objects_by_slug("careers.PathwayStep", [slug])
        return step

    def load_career_stories(self, data):
        for order, entry in enumerate(data["career_stories"], start=1):
            slug = slugify(entry["name"])
            (profession,) = self.objects_by_slug("professions.Profession", [entry["profession"]])
            self.sync(
                Item(
                    key=f"career-story:{slug}",
                    model="careers.CareerStory",
                    lookup={"slug": slug},
                    values={
                        "name": entry["name"],
                        "job_title": entry["job_title"],
                        "organisation": entry.get("organisation") or "",
                        "profession": profession,
                        "step": self.step_or_none(entry.get("step")),
                        "summary": (entry.get("summary") or "").strip(),
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "settings": self.objects_by_slug(
                            "professions.Setting", entry.get("settings") or []
                        )
                    },
                    children=[
                        {
                            "order": number,
                            "question": qa["question"].strip(),
                            "answer": markdown_to_html(qa["answer"]),
                        }
                        for number, qa in enumerate(entry["questions"], start=1)
                    ],
                )
            )

    def load_resources(self, data):
        for order, entry in enumerate(data["resources"], start=1):
            # ``key``: the slug of the title it was first loaded with, where the title changed
            key = entry.get("key") or slugify(entry["title"])[:200]
            self.sync(
                Item(
                    key=f"resource:{key}",
                    model="careers.Resource",
                    lookup={"title": entry["title"]},
                    values={
                        "title": entry["title"],
                        "url": entry["url"],
                        "publisher": entry.get("publisher") or "",
                        "kind": entry["kind"],
                        "description": (entry.get("description") or "").strip(),
                        "category": entry["category"],
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry.get("professions") or []
                        ),
                        "steps": self.objects_by_slug(
                            "careers.PathwayStep", entry.get("steps") or []
                        ),
                    },
                )
            )
