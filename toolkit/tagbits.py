"""Bit positions for small vocabularies (professions, outcome tags, settings), so that the
tags of a row can be summarised in one integer column: the row carries ``1 << bit`` for each
of its tags. The summary columns themselves are kept in step by the app that owns them."""

from django.db import models

# A signed 64-bit integer column holds 63 usable bits.
MAX_BITS = 63


class TagLimitError(Exception):
    pass


class BitTagged(models.Model):
    bit = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Position in the tag summaries of the rows tagged with it (set on first use).",
    )

    class Meta:
        abstract = True

    @property
    def mask(self) -> int:
        return 0 if self.bit is None else 1 << self.bit


def mask_of(bit) -> int:
    return 0 if bit is None else 1 << bit


def check_room(model, tags) -> None:
    """Raise TagLimitError, with a message for editors, if ``tags`` (rows of ``model``)
    include more without a bit yet than there are bits free."""
    new = [tag for tag in tags if tag.bit is None]
    if not new:
        return
    used = model.objects.exclude(bit=None).count()
    if len(new) <= MAX_BITS - used:
        return
    meta = model._meta
    names = ", ".join(f"“{tag}”" for tag in new)
    raise TagLimitError(
        f"The case-study finder can filter by at most {MAX_BITS} "
        f"{meta.verbose_name_plural}, and {used} are already used as tags, so {names} "
        f"cannot be added. Delete a {meta.verbose_name} that is no longer needed, then "
        "save again."
    )


def allocate_bits(model, pks) -> None:
    """Give the rows ``pks`` of ``model`` that have no bit yet the smallest free ones."""
    missing = list(model.objects.filter(pk__in=pks, bit=None).order_by("pk"))
    if not missing:
        return
    check_room(model, missing)
    used = set(model.objects.exclude(bit=None).values_list("bit", flat=True))
    free = [bit for bit in range(MAX_BITS) if bit not in used]
    for tag, bit in zip(missing, free, strict=False):
        model.objects.filter(pk=tag.pk).update(bit=bit)
