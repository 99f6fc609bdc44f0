"""Bit positions for small vocabularies (professions, outcome tags, settings), so that the
tags of a row can be summarised in one integer column: the row carries ``1 << bit`` for each
of its tags. The summary columns themselves are kept in step by the app that owns them
(casestudies/finder/summaries.py).

A tag gets its bit when it is created (``BitTagged.save``), the smallest free one; a deleted
tag's bit is free again. When every bit is taken, a new tag is refused: in its form (the
model's ``clean``, run by the admin, the importer and the content loader) with a message for
editors, and in code by ``TagLimitError`` from ``save``."""

from django.core.exceptions import ValidationError
from django.db import models

# A signed 64-bit integer column holds 63 usable bits.
MAX_BITS = 63


class TagLimitError(Exception):
    pass


def mask_of(bit) -> int:
    return 0 if bit is None else 1 << bit


def free_bits(model) -> list[int]:
    """The bits no row of ``model`` holds, smallest first."""
    used = set(model._base_manager.exclude(bit=None).values_list("bit", flat=True))
    return [bit for bit in range(MAX_BITS) if bit not in used]


def bit_for(model, tag) -> int:
    """The bit a new ``tag`` of ``model`` gets: the smallest free one. TagLimitError, with a
    message for editors, when none is left."""
    free = free_bits(model)
    if not free:
        meta = model._meta
        name = str(meta.verbose_name)
        article = "an" if name[:1].lower() in "aeiou" else "a"
        raise TagLimitError(
            f"The case-study finder can filter by at most {MAX_BITS} "
            f"{meta.verbose_name_plural}, and there are already {MAX_BITS}, so “{tag}” cannot "
            f"be added. Delete {article} {name} that is no longer needed, then save again."
        )
    return free[0]


def assign_missing_bits(model) -> int:
    """Give the rows of ``model`` without a bit (written by ``bulk_create`` or raw SQL, which
    bypass ``save``) the smallest free ones, in primary-key order; return how many got one."""
    missing = model._base_manager.filter(bit=None).order_by("pk")
    pairs = list(zip(missing.values_list("pk", flat=True), free_bits(model), strict=False))
    for pk, bit in pairs:
        model._base_manager.filter(pk=pk).update(bit=bit)
    return len(pairs)


class BitTagged(models.Model):
    bit = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Position in the tag summaries of the rows tagged with it (set when it is "
        "created).",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.bit is None:
            self.bit = bit_for(type(self), self)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "bit"}
        super().save(*args, **kwargs)

    @property
    def mask(self) -> int:
        return mask_of(self.bit)

    def clean(self):
        super().clean()
        if self.bit is None:
            try:
                bit_for(type(self), self)
            except TagLimitError as error:
                raise ValidationError(str(error), code="tag_limit") from None
