"""Every public page type passes the Nu HTML checker (vnu) with zero errors."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.page_types import PAGE_TYPES

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    files = {}
    for name, make_path in sorted(PAGE_TYPES.items()):
        response = client.get(make_path())
        target = tmp_path / f"{name.replace(':', '-')}.html"
        target.write_bytes(response.content)
        files[str(target)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-svg", *files],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
    assert result.returncode == 0


def test_the_checker_reports_invalid_html(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p>")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert json.loads(result.stderr)["messages"]
