from django.core.exceptions import ValidationError

from casestudies.finder.summaries import SUMMARIES
from casestudies.models import CaseStudy, OutcomeTag
from editorial.admin.imports import PublishableResource, relation_field
from professions.models import Profession, Setting
from toolkit.tagbits import TagLimitError, check_room


class CaseStudyResource(PublishableResource):
    professions = relation_field("professions", Profession)
    outcomes = relation_field("outcomes", OutcomeTag)
    settings = relation_field("settings", Setting)

    class Meta(PublishableResource.Meta):
        model = CaseStudy
        name = "Case studies"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "summary",
            "source_url",
            "publisher",
            "kind",
            "professions",
            "outcomes",
            "settings",
            "status",
            "last_reviewed",
            "next_review_due",
        ]
        export_order = fields

    def import_instance(self, instance, row, **kwargs):
        """As the admin's form does: a tag used for the first time with no place left in the
        tag summaries is an error on its column, not a failure when the row is saved."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in SUMMARIES:
            field = self.fields[name]
            if name in errors or field.column_name not in row:
                continue
            try:
                check_room(field.widget.model, field.clean(row))
            except TagLimitError as error:
                errors[name] = ValidationError(str(error), code="tag_limit")
        if errors:
            raise ValidationError(errors)
