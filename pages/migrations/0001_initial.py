"""The toolkit's sections and key facts, in the tables the toolkit app made."""

import editorial.publishing
import editorial.richtext
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True
    # Made by the toolkit app before this app had its own: on a database where all of these
    # have run, this migration counts as applied and does nothing.
    replaces = [
        ("toolkit", "0001_initial"),
        ("toolkit", "0002_keyfact_last_reviewed_keyfact_next_review_due_and_more"),
        ("toolkit", "0003_alter_keyfact_options_alter_page_options"),
        ("toolkit", "0007_keyfact_source_optional"),
    ]

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='KeyFact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published items appear on the public site.', max_length=10)),
                ('published_at', models.DateTimeField(blank=True, help_text='Set when first published. A future date keeps the item hidden until then.', null=True, verbose_name='publication date')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('last_reviewed', models.DateField(blank=True, help_text='When someone last checked this is still right. Shown on the public page.', null=True)),
                ('next_review_due', models.DateField(blank=True, help_text='When it should next be checked. Overdue items are listed on the admin home.', null=True)),
                ('figure', models.CharField(help_text='The number as printed, e.g. "1 in 4".', max_length=40)),
                ('label', models.CharField(help_text='What the figure counts.', max_length=300)),
                ('source', models.CharField(blank=True, help_text='Who published it and when. Leave empty where none is known: the public page then shows no source line.', max_length=200)),
                ('order', models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                'db_table': 'toolkit_keyfact',
                'ordering': ['order', 'id'],
                'abstract': False,
                'default_permissions': ('add', 'change', 'delete', 'view', 'publish'),
            },
        ),
        migrations.CreateModel(
            name='Page',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published items appear on the public site.', max_length=10)),
                ('published_at', models.DateTimeField(blank=True, help_text='Set when first published. A future date keeps the item hidden until then.', null=True, verbose_name='publication date')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('last_reviewed', models.DateField(blank=True, help_text='When someone last checked this is still right. Shown on the public page.', null=True)),
                ('next_review_due', models.DateField(blank=True, help_text='When it should next be checked. Overdue items are listed on the admin home.', null=True)),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=200, unique=True)),
                ('summary', models.TextField(blank=True, help_text='One or two sentences for lists and search results.', max_length=300)),
                ('body', editorial.richtext.RichTextField(blank=True)),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('show_in_navigation', models.BooleanField(default=False, help_text="List this page in the site's header navigation.")),
            ],
            options={
                'db_table': 'toolkit_page',
                'ordering': ['order', 'title'],
                'abstract': False,
                'default_permissions': ('add', 'change', 'delete', 'view', 'publish'),
            },
            bases=(editorial.publishing.SlugFromNameMixin, models.Model),
        ),
    ]
