"""One structured line per request on the logger ``toolkit.requests`` (README "Logs")."""

import json
import logging
import re
import time
import uuid

from toolkit.logsafe import mask_capabilities, request_id

logger = logging.getLogger("toolkit.requests")
# An id a proxy or load balancer gave the request (nginx's $request_id): kept if it looks like one.
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
PATH_LIMIT = 500


def incoming_id(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if SANE_ID.fullmatch(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """First in MIDDLEWARE: times the whole request, gives it an id (``request.id``, the
    ``X-Request-ID`` response header, and every log record written meanwhile: logsafe.RequestId),
    and logs method, path (capability tokens masked, no query string: it may hold an email
    address), status, duration and the view's name as one JSON object."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = incoming_id(request)
        token = request_id.set(request.id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            match = getattr(request, "resolver_match", None)
            line = {
                "method": request.method[:16],
                "path": mask_capabilities(request.path)[:PATH_LIMIT],
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "request_id": request.id,
                "view": match.view_name if match else None,
            }
            logger.info(json.dumps(line, ensure_ascii=True))
            return response
        finally:
            request_id.reset(token)
