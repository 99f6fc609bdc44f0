"""The public form for proposing a case study: every field checked, with messages in the NHS
pattern, plus the two spam traps a person never notices (submissions/spam.py)."""

from django import forms
from django.core.validators import URLValidator

from casestudies.models import CaseStudy, OutcomeTag
from professions.models import Profession, Setting
from submissions.models import Submission

SUMMARY_MAX_LENGTH = 3000
NULS = "null_characters_not_allowed"
NO_CONTROL_CHARACTERS = "must not contain invisible control characters"


class TextField(forms.CharField):
    def __init__(self, *, what, enter, max_length, **kwargs):
        super().__init__(
            max_length=max_length,
            error_messages={
                "required": f"Enter {enter}",
                "max_length": f"{what} must be {max_length:,} characters or fewer",
                NULS: f"{what} {NO_CONTROL_CHARACTERS}",
            },
            **kwargs,
        )

    def to_python(self, value):
        # Browsers send line breaks as CRLF; count them as one character, as the page does.
        return super().to_python(value).replace("\r\n", "\n")


class TagsField(forms.ModelMultipleChoiceField):
    def __init__(self, queryset, *, plural, **kwargs):
        super().__init__(
            queryset,
            to_field_name="slug",
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": f"Select at least one of the {plural}",
                "invalid_choice": f"Select {plural} from the list",
                "invalid_pk_value": f"Select {plural} from the list",
                "invalid_list": f"Select {plural} from the list",
            },
            **kwargs,
        )


class SubmissionForm(forms.Form):
    title = TextField(
        what="Title",
        enter="the title of the case study",
        max_length=CaseStudy._meta.get_field("title").max_length,
    )
    source_url = forms.URLField(
        max_length=CaseStudy._meta.get_field("source_url").max_length,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "required": "Enter the web address where the case study is published",
            "invalid": "Enter a web address in the correct format, like https://www.example.org/case-study",
            "max_length": "Web address must be 500 characters or fewer",
            NULS: f"Web address {NO_CONTROL_CHARACTERS}",
        },
    )
    publisher = TextField(
        what="Publisher",
        enter="who published the case study",
        max_length=CaseStudy._meta.get_field("publisher").max_length,
    )
    professions = TagsField(Profession.objects.published(), plural="professions")
    outcomes = TagsField(OutcomeTag.objects.all(), plural="outcomes")
    settings = TagsField(Setting.objects.all(), plural="settings")
    summary = TextField(
        what="Summary", enter="a summary of the case study", max_length=SUMMARY_MAX_LENGTH
    )
    name = TextField(what="Full name", enter="your full name", max_length=200)
    role = TextField(what="Role", enter="your role", max_length=200)
    organisation = TextField(what="Organisation", enter="your organisation", max_length=200)
    email = forms.EmailField(
        max_length=Submission._meta.get_field("email").max_length,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
            NULS: f"Email address {NO_CONTROL_CHARACTERS}",
        },
    )
    # Spam traps (submissions/spam.py): a field only a robot fills in, and when the form was
    # opened, signed.
    website = forms.CharField(required=False, strip=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        self.fields["professions"].queryset = Profession.objects.published().order_by("name")

    def details(self) -> dict:
        """What the service needs, from a valid form."""
        data = self.cleaned_data
        return {name: data[name] for name in self.fields if name not in {"website", "started"}}
