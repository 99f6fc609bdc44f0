from django import forms

from alerts.models import Alert


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Alert.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how often you want emails",
            "invalid_choice": "Select how often you want emails",
        },
    )
    # The finder's query string; normalised again by the view, whatever it holds.
    query = forms.CharField(required=False, widget=forms.HiddenInput)


def error_list(form) -> list[dict]:
    """The error summary's entries, each linking to its field."""
    return [
        {"href": "#frequency" if name == "frequency" else "#email", "text": errors[0]}
        for name, errors in form.errors.items()
    ]
