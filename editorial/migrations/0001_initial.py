"""Drafts, link checks and site search's entries, in the tables the toolkit app made; and
the full-text index over the entries for each database.

SQLite: an FTS5 table with the entries as its external content (stemmed with Porter,
Unicode-aware), kept in step by three triggers. PostgreSQL: a stored generated tsvector
(title weighted A, text B, 'english' stemming) with a GIN index. Django's SQLite schema
editor rebuilds a table to alter it, which drops its triggers: a later migration that alters
SearchEntry must create them again (``create`` below) and rebuild the index."""

import django.db.models.deletion
from django.conf import settings
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

    initial = True
    # Made by the toolkit app before this app had its own: on a database where all of these
    # have run, this migration counts as applied and does nothing. (0004 made the roles,
    # which editorial/roles.py now keeps after every migrate.)
    replaces = [
        ("toolkit", "0004_editor_groups"),
        ("toolkit", "0005_drafts"),
        ("toolkit", "0006_linkcheck"),
        ("toolkit", "0008_search_entries"),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LinkCheck',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000, unique=True, verbose_name='URL')),
                ('broken', models.BooleanField(db_index=True, default=False)),
                ('status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='status')),
                ('error', models.CharField(blank=True, max_length=300)),
                ('final_url', models.URLField(blank=True, help_text='Where redirects ended, if elsewhere.', max_length=2000, verbose_name='final URL')),
                ('used_by', models.JSONField(blank=True, default=list, help_text='The items whose fields hold this address.')),
                ('checked_at', models.DateTimeField()),
            ],
            options={
                'db_table': 'toolkit_linkcheck',
                'ordering': ['-broken', 'url'],
            },
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(help_text="The model's label, e.g. careers.resource.", max_length=60)),
                ('object_id', models.PositiveBigIntegerField()),
                ('title', models.CharField(max_length=400)),
                ('body', models.TextField(blank=True)),
                ('url', models.CharField(max_length=600)),
            ],
            options={
                'verbose_name_plural': 'search entries',
                'db_table': 'toolkit_searchentry',
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='one_search_entry_per_item')],
            },
        ),
        migrations.CreateModel(
            name='Draft',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('data', models.JSONField(help_text='The submitted form data: field name to list of values.')),
                ('fields', models.JSONField(help_text='The names of the form fields the draft was saved from.')),
                ('saved_at', models.DateTimeField(auto_now=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                ('saved_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'toolkit_draft',
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='one_draft_per_item')],
            },
        ),
        migrations.RunPython(create, drop),
    ]
