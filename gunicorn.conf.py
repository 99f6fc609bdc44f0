"""gunicorn's configuration for production: `gunicorn -c gunicorn.conf.py toolkit.wsgi`.

Sync workers, so run it behind a buffering reverse proxy (nginx): a client that sends its
request slowly then holds the proxy, not a worker. See README "Run it in production".
"""

import gc
import multiprocessing
import os

from gunicorn.glogging import Logger

from toolkit.logsafe import mask_capabilities

wsgi_app = "toolkit.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two per core and one more (gunicorn's own advice for sync workers).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A PDF of a full board paper takes a few seconds; nothing should take 30.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100
# gunicorn's control socket (gunicornc) is not used here; left on, every server on a host would
# share ~/.gunicorn/gunicorn.ctl.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


def post_worker_init(worker):
    """The app is loaded: its modules, URL patterns and settings live as long as the worker,
    so the garbage collector stops scanning them (gc.freeze), and its young collections run
    ten times less often. Without this a full collection of a worker's heap (25–40 ms) came
    about once in a hundred requests (docs/performance.md)."""
    gc.freeze()
    gc.set_threshold(7000, 20, 20)


class TokenMaskingLogger(Logger):
    """gunicorn's logger, with capability tokens masked in every field of the access log
    (request line, path, referrer, headers)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_capabilities(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }


logger_class = TokenMaskingLogger
