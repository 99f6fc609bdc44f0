from careers.models import PathwayStep, Resource
from editorial.admin.imports import PublishableResource, relation_field
from professions.models import Profession


class ResourceResource(PublishableResource):
    professions = relation_field("professions", Profession)
    steps = relation_field("steps", PathwayStep)

    class Meta(PublishableResource.Meta):
        model = Resource
        name = "Resources"
        # Resources have no slug: the content loader knows them by title too.
        import_id_fields = ["title"]
        fields = [
            "title",
            "url",
            "publisher",
            "kind",
            "description",
            "category",
            "professions",
            "steps",
            "order",
            "status",
            "last_reviewed",
            "next_review_due",
        ]
        export_order = fields
