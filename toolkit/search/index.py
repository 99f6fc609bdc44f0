"""Keeping the search entries true: every save or delete of a searchable item (and of a
career story's answers) rewrites its entry; ``rebuild()`` rewrites them all, for writes that
send no signal (``bulk_create``, ``queryset.update()``, raw SQL) and for
``manage.py rebuild_search_index``.

Items whose status is published are indexed, a future publication date included: the query
filters through ``published()`` every time, so such an item is found from its date on."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from toolkit.models import SearchEntry
from toolkit.publishing import Status
from toolkit.search.documents import BY_LABEL, KINDS

BATCH = 500


def entry_for(kind, obj) -> SearchEntry:
    document = kind.document(obj)
    return SearchEntry(
        kind=kind.label,
        object_id=obj.pk,
        title=document.title[:400],
        body=document.body,
        url=document.url[:600],
    )


def index_object(obj):
    """Write (or remove) the entry of one item, after a save."""
    kind = BY_LABEL.get(obj._meta.label_lower)
    if kind is None:
        return
    if obj.status != Status.PUBLISHED:
        remove_object(obj)
        return
    entry = entry_for(kind, obj)
    SearchEntry.objects.update_or_create(
        kind=entry.kind,
        object_id=entry.object_id,
        defaults={"title": entry.title, "body": entry.body, "url": entry.url},
    )


def remove_object(obj):
    SearchEntry.objects.filter(kind=obj._meta.label_lower, object_id=obj.pk).delete()


def index_objects(kind, queryset, progress=None) -> int:
    """Add the entries of these (new) items in batches; returns how many."""
    written = 0
    queryset = queryset.filter(status=Status.PUBLISHED).prefetch_related(*kind.related)
    batch = []
    for obj in queryset.iterator(chunk_size=BATCH):
        batch.append(entry_for(kind, obj))
        if len(batch) == BATCH:
            written += len(SearchEntry.objects.bulk_create(batch))
            batch = []
            if progress:
                progress(kind, written)
    written += len(SearchEntry.objects.bulk_create(batch))
    return written


def rebuild(progress=None) -> dict[str, int]:
    """Every entry written again from the content; returns the count per type."""
    counts = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for kind in KINDS:
            counts[kind.plural] = index_objects(kind, kind.model.objects.order_by(), progress)
    return counts


def saved(sender, instance, **kwargs):
    index_object(instance)


def deleted(sender, instance, **kwargs):
    remove_object(instance)


def answer_changed(sender, instance, **kwargs):
    story = type(instance).story.field.related_model.objects.filter(pk=instance.story_id).first()
    if story is not None:
        index_object(story)


def connect():
    for kind in KINDS:
        post_save.connect(saved, sender=kind.model, dispatch_uid=f"search-save-{kind.label}")
        post_delete.connect(deleted, sender=kind.model, dispatch_uid=f"search-del-{kind.label}")
    answer = BY_LABEL["careers.careerstory"].model.answers.rel.related_model
    post_save.connect(answer_changed, sender=answer, dispatch_uid="search-save-answer")
    post_delete.connect(answer_changed, sender=answer, dispatch_uid="search-del-answer")
