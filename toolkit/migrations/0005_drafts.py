from django.contrib.auth.management import create_permissions

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def let_both_roles_see_drafts(apps, schema_editor):
    app_config = apps.get_app_config("toolkit")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="toolkit", codename="view_draft")
    for group in Group.objects.filter(name__in=["Content editor", "Publisher"]):
        group.permissions.add(view)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('toolkit', '0004_editor_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
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
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='one_draft_per_item')],
            },
        ),
        migrations.RunPython(let_both_roles_see_drafts, migrations.RunPython.noop),
    ]
