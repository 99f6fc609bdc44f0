"""The editorial rules, as functions the admin, the importer and the content loader all call.

Each is keyword-only, checks that the person may do it (raising ``PermissionDenied`` with a
sentence an editor can act on), then writes under ``transaction.atomic``, recording a revision
where the item has history: ``publishing`` (publish, unpublish), ``drafts`` (save, discard,
publish a draft), ``history`` (restore, recover), ``ordering`` (move) and ``imports``."""

from editorial.actions.common import SYSTEM

__all__ = ["SYSTEM"]
