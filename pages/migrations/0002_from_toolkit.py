from django.db import migrations

from editorial.migrations._moves import move


def forwards(apps, schema_editor):
    move(apps, "pages", ["page", "keyfact"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("editorial", "0002_from_toolkit"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
