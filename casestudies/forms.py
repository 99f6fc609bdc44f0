from django import forms

from casestudies.finder.summaries import SUMMARIES
from casestudies.models import CaseStudy
from toolkit.tagbits import TagLimitError, check_room


class CaseStudyAdminForm(forms.ModelForm):
    class Meta:
        model = CaseStudy
        fields = list(SUMMARIES)  # the admin adds its fieldsets' fields

    def clean(self):
        """A tag used for the first time needs a free place in the tag summaries: say so on
        the field, before anything is saved, when none is left."""
        cleaned_data = super().clean()
        for name in SUMMARIES:
            tags = cleaned_data.get(name)
            if tags is None:
                continue
            try:
                check_room(CaseStudy._meta.get_field(name).related_model, tags)
            except TagLimitError as error:
                self.add_error(name, str(error))
        return cleaned_data
