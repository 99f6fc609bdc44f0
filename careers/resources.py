from careers.models import Resource
from editorial.admin.imports import PublishableResource, relation_field
from professions.models import Profession


class ResourceResource(PublishableResource):
    professions = relation_field("professions", Profession)

    class Meta(PublishableResource.Meta):
        model = Resource
        name = "Resources"
        # Resources have no slug: the content loader knows them by title too.
        import_id_fields = ["title"]
        fields = [
            "title",
            "url",
            "description",
            "category",
            "professions",
            "order",
            "status",
            "last_reviewed",
            "next_review_due",
        ]
        export_order = fields
