"""Keeping each case study's tag summaries (``profession_bits``, ``outcome_bits``,
``setting_bits``) in step with its many-to-many fields. This is the one place that writes them:

- ``m2m_changed`` on the three through models, from either side of the relation (the admin,
  the content loader and ``.add()/.remove()/.set()/.clear()`` all send it);
- ``post_save`` of a raw save (fixtures, django-reversion's revert), which writes the columns
  as serialised, and ``post_delete`` of a tag, whose through rows go without ``m2m_changed``;
- ``rebuild()``, for writes that bypass signals (``bulk_create`` of through rows, raw SQL), used
  by ``manage.py rebuild_tag_summaries`` and ``generate_demo_content``.

A tag's bit is given when the tag is created (professions/tagbits.py), never here: a tag
without one (written by ``bulk_create``) counts as no tag until ``rebuild_tag_summaries``
gives it one.
"""

from django.apps import apps as global_apps
from django.db.models import Expression, F, IntegerField, Q
from django.db.models.lookups import GreaterThan

from professions.tagbits import mask_of

# many-to-many field on CaseStudy -> its summary column
SUMMARIES = {
    "professions": "profession_bits",
    "outcomes": "outcome_bits",
    "settings": "setting_bits",
}
CHUNK = 500


def relations(case_study_model):
    """(m2m field, summary column) for each summarised relation of ``case_study_model``."""
    for name, column in SUMMARIES.items():
        yield case_study_model._meta.get_field(name), column


def rebuild(ids=None, *, case_study_model=None) -> int:
    """Recompute the summaries of the case studies ``ids`` (all when None) from the through
    tables; return how many case studies were corrected."""
    model = case_study_model or global_apps.get_model("casestudies", "CaseStudy")
    studies = model.objects.all() if ids is None else model.objects.filter(pk__in=ids)
    current = {row[0]: row[1:] for row in studies.values_list("pk", *SUMMARIES.values())}
    wanted = {pk: [0] * len(SUMMARIES) for pk in current}
    for index, (field, _) in enumerate(relations(model)):
        study_id = f"{field.m2m_field_name()}_id"
        rows = field.remote_field.through.objects.all()
        if ids is not None:
            rows = rows.filter(**{f"{study_id}__in": list(current)})
        for pk, bit in rows.values_list(study_id, f"{field.m2m_reverse_field_name()}__bit"):
            if pk in wanted:
                wanted[pk][index] |= mask_of(bit)
    changed = []
    for pk, values in wanted.items():
        if tuple(values) != tuple(current[pk]):
            changed.append(model(pk=pk, **dict(zip(SUMMARIES.values(), values, strict=True))))
    model.objects.bulk_update(changed, list(SUMMARIES.values()), batch_size=CHUNK)
    return len(changed)


def refresh(instance) -> None:
    """Rebuild one case study's summaries and copy them onto the instance in memory."""
    rebuild([instance.pk], case_study_model=type(instance))
    values = type(instance).objects.filter(pk=instance.pk).values(*SUMMARIES.values()).first()
    for column, value in (values or {}).items():
        setattr(instance, column, value)


def has_tag(column, mask):
    """The case study has at least one of the tags in ``mask`` (in summary ``column``)."""
    return GreaterThan(F(column).bitand(mask), 0)


def has_tags(conditions):
    """Q of (column, mask) pairs, each meaning "has one of these tags": all must hold."""
    q = Q()
    for column, mask in conditions:
        q &= Q(has_tag(column, mask))
    return q


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # instance is a case study
        refresh(instance)
        return
    # instance is a profession, outcome tag or setting; pk_set holds case-study ids
    case_study_model = model
    column = next(
        column
        for field, column in relations(case_study_model)
        if field.remote_field.through is sender
    )
    bit = type(instance).objects.filter(pk=instance.pk).values_list("bit", flat=True).first()
    mask = mask_of(bit)
    if not mask:
        return
    studies = case_study_model.objects.all()
    if action == "post_add":
        studies.filter(pk__in=pk_set).update(**{column: F(column).bitor(mask)})
    elif action == "post_remove":
        studies.filter(pk__in=pk_set).update(**{column: F(column).bitand(~mask)})
    else:
        studies.filter(has_tag(column, mask)).update(**{column: F(column).bitand(~mask)})


def on_case_study_saved(sender, instance, raw, **kwargs):
    if raw:
        refresh(instance)


def on_tag_deleted(sender, instance, **kwargs):
    if instance.bit is None:
        return
    case_study_model = global_apps.get_model("casestudies", "CaseStudy")
    for field, column in relations(case_study_model):
        if field.related_model is sender:
            case_study_model.objects.filter(has_tag(column, instance.mask)).update(
                **{column: F(column).bitand(~instance.mask)}
            )


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    case_study_model = global_apps.get_model("casestudies", "CaseStudy")
    post_save.connect(on_case_study_saved, sender=case_study_model, dispatch_uid="tagsummary")
    for field, _ in relations(case_study_model):
        m2m_changed.connect(
            on_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"tagsummary-{field}"
        )
        post_delete.connect(
            on_tag_deleted, sender=field.related_model, dispatch_uid=f"tagsummary-{field}"
        )


class TagCount(Expression):
    """``COUNT(*)`` of the rows whose tag summaries meet every one of ``conditions``, each a
    (column, mask) pair meaning ``column & mask <> 0`` (one of the tags). Written as SQL directly:
    the finder asks for some thirty of these per page, and building each from Q objects and
    lookups cost more than running the query."""

    contains_aggregate = True
    output_field = IntegerField()

    def __init__(self, conditions=()):
        super().__init__()
        self.conditions = tuple(conditions)

    def get_group_by_cols(self):
        return []

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        # The masks are integers computed from the vocabulary, never user input.
        where = " AND ".join(
            f"({table}.{connection.ops.quote_name(column)} & {int(mask)}) <> 0"
            for column, mask in self.conditions
        )
        if not where:
            return "COUNT(*)", []
        if connection.features.supports_aggregate_filter_clause:
            return f"COUNT(*) FILTER (WHERE {where})", []
        return f"SUM(CASE WHEN {where} THEN 1 ELSE 0 END)", []
