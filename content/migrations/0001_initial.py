"""What the content loader last wrote, in the table the toolkit app made."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True
    # Made by the toolkit app before this app had its own: on a database where all of these
    # have run, this migration counts as applied and does nothing.
    replaces = [
        ("toolkit", "0001_initial"),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='LoadedItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=300, unique=True)),
                ('object_id', models.PositiveBigIntegerField()),
                ('digest', models.CharField(max_length=64)),
                ('loaded_at', models.DateTimeField(auto_now=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'db_table': 'toolkit_loadeditem',
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='toolkit_loa_content_6f92e8_idx')],
            },
        ),
    ]
