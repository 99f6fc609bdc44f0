"""The archive: a plain tar of the database dump, ``media/…`` and ``manifest.json`` (last),
written under a temporary name and renamed when complete, readable by its owner only."""

import hashlib
import io
import json
import os
import shutil
import tarfile
import time
from pathlib import Path, PurePosixPath

from django.core.management.base import CommandError

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class _Hashing:
    """A file read through, hashed as tarfile copies it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _add(tar, path: Path, name: str) -> dict:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def write(path: Path, *, database: Path, member: str, media_root: Path, manifest: dict) -> dict:
    """Write the archive; the manifest, with every member's checksum, is returned as written."""
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                members = {member: _add(tar, database, member)}
                for file in media_files(media_root):
                    name = "media/" + file.relative_to(media_root).as_posix()
                    members[name] = _add(tar, file, name)
                media = [m for name, m in members.items() if name.startswith("media/")]
                manifest = {
                    **manifest,
                    "format": FORMAT,
                    "media": {"files": len(media), "bytes": sum(m["size"] for m in media)},
                    "members": members,
                }
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
                tar.addfile(info, io.BytesIO(data))
            raw.flush()
            os.fsync(raw.fileno())
        os.rename(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def open_archive(path: Path) -> tuple[tarfile.TarFile, dict]:
    """The archive and its manifest; CommandError if it is not one ``backup_site`` made."""
    try:
        tar = tarfile.open(path, mode="r:")  # noqa: SIM115 (the caller closes it)
    except (OSError, tarfile.TarError) as error:
        raise CommandError(f"{path} is not a backup archive made by backup_site: {error}") from None
    try:
        manifest = json.load(tar.extractfile(tar.getmember(MANIFEST)))
    except (KeyError, ValueError, tarfile.TarError):
        tar.close()
        raise CommandError(
            f"{path} has no readable {MANIFEST}: it was not made by backup_site."
        ) from None
    if manifest.get("format") != FORMAT:
        tar.close()
        raise CommandError(
            f"{path} is in backup format {manifest.get('format')}; expected {FORMAT}."
        )
    return tar, manifest


def _safe(name: str, database_member: str) -> bool:
    parts = PurePosixPath(name).parts
    if name == database_member:
        return True
    return len(parts) > 1 and parts[0] == "media" and not ({"..", "", "/"} & set(parts))


def extract(tar, manifest: dict, *, database: Path | None, media: Path | None) -> int:
    """Check every member against the manifest, writing the dump to ``database`` and the media
    files under ``media`` (when given): any difference stops it before anything is restored."""
    listed = manifest["members"]
    database_member = manifest["database"]["member"]
    found = {m.name: m for m in tar.getmembers() if m.name != MANIFEST}
    missing = sorted(set(listed) - set(found))
    extra = sorted(set(found) - set(listed))
    if missing or extra:
        raise CommandError(
            f"The archive does not match its manifest: missing {missing or 'nothing'}, "
            f"not listed {extra or 'nothing'}."
        )
    for name, info in found.items():
        if not info.isreg() or not _safe(name, database_member):
            raise CommandError(f"The archive holds {name!r}, which a backup never holds.")
        if name == database_member:
            target = database
        else:
            target = media / PurePosixPath(name).relative_to("media") if media else None
        digest = hashlib.sha256()
        source = tar.extractfile(info)
        out = None
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            out = target.open("wb")
        try:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                if out:
                    out.write(chunk)
        finally:
            if out:
                out.close()
        if digest.hexdigest() != listed[name]["sha256"]:
            raise CommandError(f"The archive is damaged: {name} does not match its checksum.")
    return len(found)


def place(staged: Path, media_root: Path) -> int:
    """Move the checked media files into the media folder, replacing files of the same name."""
    moved = 0
    for file in media_files(staged):
        target = media_root / file.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(file, target)
        moved += 1
    return moved
