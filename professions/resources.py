from editorial.admin.imports import PublishableResource
from professions.models import Profession


class ProfessionResource(PublishableResource):
    class Meta(PublishableResource.Meta):
        model = Profession
        name = "Professions"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "summary",
            "description",
            "learning_disability_offer",
            "regulator",
            "is_core",
            "order",
            "status",
            "last_reviewed",
            "next_review_due",
        ]
        export_order = fields
