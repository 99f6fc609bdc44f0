from django.db import migrations

from editorial.migrations._moves import move


def forwards(apps, schema_editor):
    move(apps, "editorial", ["draft", "linkcheck", "searchentry"])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
