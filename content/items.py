"""What the loader writes: one object as the data file describes it."""

import hashlib
import json
from dataclasses import dataclass, field


def digest(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Item:
    """One object as the data file describes it."""

    key: str
    model: str
    lookup: dict
    values: dict
    m2m: dict = field(default_factory=dict)  # field name -> list of related objects
    children: list | None = None  # StoryAnswer rows: dicts of question, answer, order


class ContentError(Exception):
    """The data file refers to something it does not define."""
