from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class LoadedItem(models.Model):
    """What ``load_toolkit`` last wrote to an object, so that a later run can tell an
    editor's change (the object no longer matches the digest) from its own."""

    key = models.CharField(max_length=300, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "toolkit_loadeditem"  # made by the toolkit app, before content had its own
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.key
