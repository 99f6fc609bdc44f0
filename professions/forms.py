from django import forms

MAX_COMPARED = 3


class CompareForm(forms.Form):
    """Up to three professions, by slug. Unknown, empty and repeated values are dropped (and
    reported) before validation, so only the number chosen can be an error."""

    profession = forms.MultipleChoiceField(required=False)

    def __init__(self, data, *, professions):
        self.known = {p.slug: p for p in professions}
        values = data.getlist("profession")[:50]
        self.ignored = []
        kept = []
        for value in values:
            value = value.strip()
            if not value or value in kept:
                continue
            if value in self.known:
                kept.append(value)
            else:
                self.ignored.append(value[:60])
        super().__init__({"profession": kept})
        self.fields["profession"].choices = [(p.slug, p.name) for p in professions]

    def clean_profession(self):
        chosen = self.cleaned_data["profession"]
        if len(chosen) > MAX_COMPARED:
            raise forms.ValidationError(
                f"Choose up to {MAX_COMPARED} professions to compare. You chose {len(chosen)}."
            )
        return chosen

    @property
    def chosen(self) -> list[str]:
        return self.data["profession"]

    def compared(self):
        """The professions to show side by side, in the order they were ticked."""
        if not self.is_valid():
            return []
        return [self.known[slug] for slug in self.cleaned_data["profession"]]
