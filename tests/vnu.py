"""The Nu HTML checker (vnu, from npm) over saved pages: one Java start for many pages."""

import json
import subprocess
from pathlib import Path

from django.conf import settings

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(pages: dict[str, bytes], directory: Path, *options: str) -> list[str]:
    """The errors vnu finds in ``pages`` (name -> HTML), each as "name: line N: message"."""
    files = {}
    for name, content in pages.items():
        target = directory / f"{name.replace(':', '-')}.html"
        target.write_bytes(content)
        files[str(target)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *options, *files],
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
    if result.returncode != 0 and not errors:
        errors.append(f"vnu failed: {result.stderr[:500]}")
    return errors
