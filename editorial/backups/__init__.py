"""Backups that restore: one tar archive holding the database, the media folder and a manifest.

``manage.py backup_site DIR`` writes ``ahp-toolkit-YYYYMMDD-HHMMSS.tar``; ``manage.py
restore_site ARCHIVE`` checks it and puts it back. The manifest (``manifest.json``, the last
member) records when and from which engine it was made, the last applied migration of each
app, the rows of each model and the SHA-256 of every other member, so a restore can prove it
put back what was saved. Only SQLite and PostgreSQL are supported; an archive restores into
the engine it was made from.
"""
