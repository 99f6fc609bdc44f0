"""Path converters that take only what a value can really be, so a path holding anything else
(a NUL, a 10,000-character "token", an Arabic-Indic digit) is a 404 before any view or query.

Registered once, by toolkit/urls.py, before the apps' URLconfs are read.
"""

from django.urls import register_converter
from django.urls.converters import get_converters


class TextConverter:
    """A value the views take as text, matching ``regex``."""

    regex: str

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class TokenConverter(TextConverter):
    """A checklist capability token: ``secrets.token_urlsafe(32)``, 43 characters of the
    URL-safe base64 alphabet (checklist.models.new_token)."""

    regex = "[A-Za-z0-9_-]{43}"


class SignedConverter(TextConverter):
    """A value signed with Django's signing (an alert's manage link, a submission's receipt):
    URL-safe base64 and the separators ``:`` and ``.``, at most 400 characters."""

    regex = "[A-Za-z0-9_.:-]{1,400}"


class SlugConverter(TextConverter):
    """A slug as the models store it: Django's slug alphabet, at most 255 characters."""

    regex = "[-a-zA-Z0-9_]{1,255}"


class ActionNumberConverter(TextConverter):
    """A checklist action's number: one or two ASCII digits (the views look it up as text)."""

    regex = "[0-9]{1,2}"


CONVERTERS = {
    "token": TokenConverter,
    "signed": SignedConverter,
    "slug255": SlugConverter,
    "number": ActionNumberConverter,
}


def register() -> None:
    # Once: a URLconf whose first import failed part-way is imported again, and Django warns
    # (an error under the tests' filterwarnings) when a converter is registered twice.
    registered = get_converters()
    for name, converter in CONVERTERS.items():
        if name not in registered:
            register_converter(converter, name)
