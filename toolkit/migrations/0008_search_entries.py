"""Site search's entries, and the full-text index over them for each database.

SQLite: an FTS5 table with the entries as its external content (stemmed with Porter,
Unicode-aware), kept in step by three triggers. PostgreSQL: a stored generated tsvector
(title weighted A, text B, 'english' stemming) with a GIN index. Django's SQLite schema
editor rebuilds a table to alter it, which drops its triggers: a later migration that alters
SearchEntry must create them again (``create`` below) and rebuild the index."""

from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE toolkit_search_fts USING fts5(title, body, "
    "content='toolkit_searchentry', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER toolkit_search_fts_insert AFTER INSERT ON toolkit_searchentry BEGIN "
    "INSERT INTO toolkit_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
    "END",
    "CREATE TRIGGER toolkit_search_fts_delete AFTER DELETE ON toolkit_searchentry BEGIN "
    "INSERT INTO toolkit_search_fts(toolkit_search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER toolkit_search_fts_update AFTER UPDATE ON toolkit_searchentry BEGIN "
    "INSERT INTO toolkit_search_fts(toolkit_search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO toolkit_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
    "END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS toolkit_search_fts_update",
    "DROP TRIGGER IF EXISTS toolkit_search_fts_delete",
    "DROP TRIGGER IF EXISTS toolkit_search_fts_insert",
    "DROP TABLE IF EXISTS toolkit_search_fts",
]
DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"body\", '')), 'B')"
)
POSTGRESQL = [
    'ALTER TABLE "toolkit_searchentry" ADD COLUMN "document" tsvector '
    f"GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    'CREATE INDEX "searchentry_document_idx" ON "toolkit_searchentry" USING gin ("document")',
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0007_keyfact_source_optional")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        help_text="The model's label, e.g. careers.resource.", max_length=60
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=400)),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=600)),
            ],
            options={
                "verbose_name_plural": "search entries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="one_search_entry_per_item"
                    )
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
