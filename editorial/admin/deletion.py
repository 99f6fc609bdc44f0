"""What a delete confirmation tells an editor, in plain English: each item by its type and title,
what goes with it (a many-to-many link is "its link to the outcome tag “Cost saving”", not
"Casestudy-outcometag relationship: CaseStudy_outcomes object (12)"), and whether "Recover
deleted …" (django-reversion) can bring it back, and with what.

Reversion's recover view reverts the revision of the item's latest version: whatever that
revision holds comes back (the item, the inlines it follows, and the item's own many-to-many
fields); links stored on the other side (a case study's link to a profession being deleted) do
not. The summary reads that revision to say which is which. A constant number of queries per
kind of related item, whatever the number of items."""

from collections import defaultdict
from dataclasses import dataclass, field

import reversion
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.urls import NoReverseMatch, reverse
from reversion.errors import RevertError
from reversion.models import Version


@dataclass(frozen=True)
class Removal:
    text: str
    recovered: bool  # comes back when the item is recovered


@dataclass
class Deletion:
    kind: str
    kind_plural: str
    title: str
    url: str | None
    removals: list[Removal] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # kinds of linked items that stay, plural
    recover_url: str | None = None  # None: cannot be recovered (by this person)
    saved_at: object = None  # when the version that would be recovered was saved

    @property
    def lost_on_recovery(self) -> list[Removal]:
        return [removal for removal in self.removals if not removal.recovered]

    @property
    def kept_text(self) -> str:
        """ "professions, outcome tags and settings"."""
        if len(self.kept) < 2:
            return "".join(self.kept)
        return f"{', '.join(self.kept[:-1])} and {self.kept[-1]}"


def deletion_summary(objs, request, admin_site) -> list[Deletion]:
    """One ``Deletion`` per item in ``objs`` (items of one model, as the admin deletes them)."""
    objs = list(objs)
    if not objs:
        return []
    model = type(objs[0])
    collector = NestedObjects(using=router.db_for_write(model))
    collector.collect(objs)
    targets = _link_targets(collector)
    versions = _latest_versions(model, objs)
    revisions = _revision_members({v.revision_id for v in versions.values()})
    recover_url = _recover_url(model, request, admin_site)
    summaries = []
    for obj in objs:
        version = versions.get(str(obj.pk))
        members = revisions.get(version.revision_id, {}) if version else {}
        deletion = Deletion(
            kind=str(obj._meta.verbose_name),
            kind_plural=str(obj._meta.verbose_name_plural),
            title=str(obj),
            url=_change_url(obj, admin_site),
            recover_url=recover_url if version else None,
            saved_at=version.revision.date_created if version else None,
        )
        _describe_children(deletion, obj, collector.edges, targets, members, seen={obj})
        summaries.append(deletion)
    return summaries


def _describe_children(deletion, parent, edges, targets, members, seen, depth=0):
    for child in edges.get(parent, ()):
        if child in seen:
            continue
        seen.add(child)
        if child._meta.auto_created:
            deletion.removals.append(_link_removal(child, parent, targets, members, depth))
            kept = _link_other_end(child, parent, targets)
            if kept is not None:
                plural = str(kept._meta.verbose_name_plural)
                if plural not in deletion.kept:
                    deletion.kept.append(plural)
            continue
        recovered = _member(members, child) is not None
        deletion.removals.append(Removal(f"the {child._meta.verbose_name} “{child}”", recovered))
        _describe_children(deletion, child, edges, targets, members, seen, depth + 1)


def _link_removal(row, parent, targets, members, depth) -> Removal:
    other = _link_other_end(row, parent, targets)
    name = f"the {other._meta.verbose_name} “{other}”" if other is not None else "another item"
    owner = row._meta.auto_created  # the model whose many-to-many field this row belongs to
    parent_version = _member(members, parent)
    recovered = False
    if parent_version is not None and isinstance(parent, owner) and other is not None:
        m2m = next(f for f in owner._meta.many_to_many if f.remote_field.through is type(row))
        try:
            stored = parent_version.field_dict.get(m2m.name, [])
        except RevertError:
            stored = []
        recovered = str(other.pk) in {str(pk) for pk in stored}
    if depth == 0:
        return Removal(f"its link to {name}", recovered)
    return Removal(
        f"the link between the {parent._meta.verbose_name} “{parent}” and {name}", recovered
    )


def _link_fields(row):
    return [f for f in row._meta.concrete_fields if f.is_relation and f.many_to_one]


def _link_other_end(row, parent, targets):
    for fk in _link_fields(row):
        value = getattr(row, fk.attname)
        if fk.related_model is type(parent) and value == parent.pk:
            continue
        return targets.get((fk.related_model, value))
    return None


def _link_targets(collector) -> dict:
    """The items at the far end of every many-to-many row about to go, by (model, pk): one
    query per model."""
    wanted = defaultdict(set)
    for model, rows in collector.model_objs.items():
        if model._meta.auto_created:
            for row in rows:
                for fk in _link_fields(row):
                    wanted[fk.related_model].add(getattr(row, fk.attname))
    return {
        (model, pk): obj
        for model, pks in wanted.items()
        for pk, obj in model._default_manager.in_bulk(pks).items()
    }


def _latest_versions(model, objs) -> dict:
    """Each item's latest saved version, by object id (what "Recover deleted …" restores)."""
    latest = {}
    if not reversion.is_registered(model):  # a group, say: it has no history to recover
        return latest
    query = (
        Version.objects.get_for_model(model)
        .filter(object_id__in=[str(obj.pk) for obj in objs])
        .select_related("revision")
        .order_by("object_id", "-pk")
    )
    for version in query:
        latest.setdefault(version.object_id, version)
    return latest


def _revision_members(revision_ids) -> dict:
    members = defaultdict(dict)
    for version in Version.objects.filter(revision_id__in=revision_ids):
        members[version.revision_id][(version.content_type_id, version.object_id)] = version
    return members


def _member(members, obj):
    content_type = ContentType.objects.get_for_model(obj)
    return members.get((content_type.pk, str(obj.pk)))


def _change_url(obj, admin_site) -> str | None:
    opts = obj._meta
    try:
        return reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return None


def _recover_url(model, request, admin_site) -> str | None:
    """The model's "Recover deleted …" list, if it has one and this person may use it (the
    same check as reversion's recoverlist_view)."""
    model_admin = admin_site.get_model_admin(model) if admin_site.is_registered(model) else None
    if model_admin is None or not (
        model_admin.has_add_permission(request) and model_admin.has_change_permission(request)
    ):
        return None
    opts = model._meta
    try:
        return reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_recoverlist")
    except NoReverseMatch:
        return None
