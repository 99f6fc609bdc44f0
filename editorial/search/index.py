"""Keeping the search entries true: every save or delete of a searchable item (and of a
career story's answers) rewrites its entry; ``rebuild()`` rewrites them all, for writes that
send no signal (``bulk_create``, ``queryset.update()``, raw SQL) and for
``manage.py rebuild_search_index``.

Items whose status is published are indexed, a future publication date included: the query
filters through ``published()`` every time, so such an item is found from its date on."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from editorial.models import SearchEntry
from editorial.publishing import Status
from editorial.search.kinds import all_kinds, by_label, entry_id

BATCH = 500


def entry_for(kind, obj) -> SearchEntry:
    document = kind.document(obj)
    return SearchEntry(
        id=entry_id(kind.number, obj.pk),
        kind=kind.label,
        object_id=obj.pk,
        title=document.title[:400],
        body=document.body,
        url=document.url[:600],
    )


def index_object(obj):
    """Write (or remove) the entry of one item, after a save."""
    kind = by_label(obj._meta.label_lower)
    if kind is None:
        return
    if obj.status != Status.PUBLISHED:
        remove_object(obj)
        return
    entry = entry_for(kind, obj)
    SearchEntry.objects.update_or_create(
        id=entry.id,
        defaults={
            "kind": entry.kind,
            "object_id": entry.object_id,
            "title": entry.title,
            "body": entry.body,
            "url": entry.url,
        },
    )


def remove_object(obj):
    SearchEntry.objects.filter(kind=obj._meta.label_lower, object_id=obj.pk).delete()


def index_objects(kind, queryset, progress=None) -> int:
    """Add the entries of these (new) items in batches; returns how many."""
    written = 0
    for batch in entries_of(kind, queryset):
        written += len(SearchEntry.objects.bulk_create(batch))
        if progress:
            progress(kind, written)
    return written


def entries_of(kind, queryset):
    """The entries of the published items in ``queryset``, in batches."""
    queryset = queryset.filter(status=Status.PUBLISHED).prefetch_related(*kind.related)
    batch = []
    for obj in queryset.iterator(chunk_size=BATCH):
        batch.append(entry_for(kind, obj))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild(progress=None) -> dict[str, int]:
    """Every entry made true again from the content, writing only what differs (so running
    it twice changes nothing); returns the count per type."""
    counts = {}
    fields = ("title", "body", "url")
    with transaction.atomic():
        stored, misnumbered = {}, []
        rows = SearchEntry.objects.values_list("pk", "kind", "object_id", *fields)
        for pk, label, object_id, *values in rows.iterator(chunk_size=BATCH):
            kind = by_label(label)
            if kind is None or pk != entry_id(kind.number, object_id):
                misnumbered.append(pk)
            else:
                stored[pk] = values
        delete_entries(misnumbered)
        for kind in all_kinds():
            counts[kind.plural] = 0
            for batch in entries_of(kind, kind.model.objects.order_by()):
                new, changed = [], []
                for entry in batch:
                    values = stored.pop(entry.pk, None)
                    if values is None:
                        new.append(entry)
                    elif values != [getattr(entry, name) for name in fields]:
                        changed.append(entry)
                SearchEntry.objects.bulk_create(new)
                SearchEntry.objects.bulk_update(changed, fields)
                counts[kind.plural] += len(batch)
                if progress:
                    progress(kind, counts[kind.plural])
        delete_entries(list(stored))
    return counts


def delete_entries(pks):
    for start in range(0, len(pks), BATCH):
        SearchEntry.objects.filter(pk__in=pks[start : start + BATCH]).delete()


def saved(sender, instance, raw=False, **kwargs):
    try:
        index_object(instance)
    except ObjectDoesNotExist:
        # A raw save (loaddata) may come before the rows it refers to: rebuild_search_index
        # after loading fixtures. Restoring a version (also raw) has them all.
        if not raw:
            raise


def deleted(sender, instance, **kwargs):
    remove_object(instance)


def part_changed(sender, instance, **kwargs):
    """A row that is part of an item's text changed: rewrite the item's entry."""
    for kind in all_kinds():
        for name in kind.parts:
            relation = kind.model._meta.get_field(name)
            if relation.related_model is not sender:
                continue
            parent_id = getattr(instance, relation.field.attname)
            parent = kind.model._default_manager.filter(pk=parent_id).first()
            if parent is not None:
                index_object(parent)


def connect(kind):
    model = kind.model
    post_save.connect(saved, sender=model, dispatch_uid=f"search-save-{kind.label}")
    post_delete.connect(deleted, sender=model, dispatch_uid=f"search-del-{kind.label}")
    for name in kind.parts:
        part = model._meta.get_field(name).related_model
        uid = f"search-part-{part._meta.label_lower}"
        post_save.connect(part_changed, sender=part, dispatch_uid=f"{uid}-save")
        post_delete.connect(part_changed, sender=part, dispatch_uid=f"{uid}-del")
