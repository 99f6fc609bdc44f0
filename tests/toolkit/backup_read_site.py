"""Run in a subprocess against a site's database and media folder (``python -m
tests.toolkit.backup_read_site JSON``): what a visitor and an editor see on the pages the JSON
names (``pages``; ``admin`` pages as the user ``user``), and a digest of each media file served
at ``media``, and the database and media folder read (``site``). Prints the result as JSON. Used by test_backup.py."""

import hashlib
import json
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402

from tests.page_text import visible_text  # noqa: E402

wanted = json.loads(sys.argv[1])
visitor = Client(HTTP_HOST="127.0.0.1")
editor = Client(HTTP_HOST="127.0.0.1")
editor.force_login(User.objects.get(username=wanted["user"]))
# Which site this is, so that a test can tell it read the one it meant to.
seen = {"site": [str(settings.DATABASES["default"]["NAME"]), str(settings.MEDIA_ROOT)]}
for client, paths in [(visitor, wanted["pages"]), (editor, wanted["admin"])]:
    for path in paths:
        response = client.get(path)
        seen[path] = [response.status_code, visible_text(response.content.decode())]
for name in wanted["media"]:
    response = visitor.get(f"/media/{name}")
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    seen[f"/media/{name}"] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(seen))
