"""Full-text search on PostgreSQL: a stored generated tsvector column (so no query computes a
document per row) with a GIN index, read by casestudies.finder.words.SearchDocument.
Other databases search with LIKE: on them this migration does nothing. (PostgreSQL refuses to
change the type of title, publisher or summary while this column uses them: drop it first.)"""

from django.db import migrations

DOCUMENT = (
    "to_tsvector('english'::regconfig, COALESCE(\"title\", '') || ' ' || "
    "COALESCE(\"publisher\", '') || ' ' || COALESCE(\"summary\", ''))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE "casestudies_casestudy" ADD COLUMN "search_document" tsvector '
            f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
        )
        schema_editor.execute(
            'CREATE INDEX "casestudy_search_idx" ON "casestudies_casestudy" '
            'USING gin ("search_document")'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE "casestudies_casestudy" DROP COLUMN "search_document"')


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0005_tag_summaries")]

    operations = [migrations.RunPython(create, drop)]
