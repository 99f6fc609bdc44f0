from django.db import migrations

from editorial.migrations._moves import move


def forwards(apps, schema_editor):
    move(apps, "content", ["loadeditem"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("editorial", "0002_from_toolkit"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
