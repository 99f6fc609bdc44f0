from casestudies.models import CaseStudy, OutcomeTag
from editorial.admin.imports import PublishableResource, relation_field
from professions.models import Profession, Setting


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
            # After the older columns, so files made before these were added still line up.
            "source_year",
            "evaluation",
            "costed",
        ]
        export_order = fields
