"""What reaches a log never holds a checklist capability token, and every line written during a
request carries its request id. Plain Python: gunicorn.conf.py imports it before Django starts.
"""

import contextvars
import logging
import re

# A capability link is the key to what it names (a checklist record or system view, an alert's
# confirmation or management page, a submission's receipt): it never reaches a log.
CAPABILITY = re.compile(
    r"(/checklist/(?:progress|shared|systems/shared|systems)/"
    r"|/alerts/(?:confirm|manage|unsubscribe)/"
    r"|/case-studies/submit/sent/)"
    r"(?!start/)[^/?#\s\"']+"
)

request_id = contextvars.ContextVar("request_id", default="-")


def mask_capabilities(text: str) -> str:
    return CAPABILITY.sub(r"\1[token]", text)


class MaskTokens(logging.Filter):
    """On a handler: the record's message and traceback with capability tokens masked (the
    record is changed in place, so every handler after this one sees it masked too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_capabilities(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_capabilities(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_capabilities(record.stack_info)
        return True


class RequestId(logging.Filter):
    """On a handler: ``record.request_id``, the id of the request being served ("-" outside
    one), for the format string."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True
