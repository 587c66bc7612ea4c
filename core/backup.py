"""Backing up and restoring the portal: the database and the uploaded files, with a manifest of
row counts and file checksums that a restore verifies.

A backup directory holds:
  manifest.json     when, which engine, row count of every table, sha256 of every media file
  database.dump     PostgreSQL (pg_dump custom format)   or   database.sqlite3 (SQLite backup API)
  media.tar.gz      MEDIA_ROOT
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def table_counts() -> dict[str, int]:
    counts = {}
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in tables and table not in counts:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _pg_env_args(db: dict) -> tuple[dict, list[str]]:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return env, args


@dataclass
class BackupResult:
    directory: Path
    tables: int
    rows: int
    files: int


def backup(*, directory: Path) -> BackupResult:
    directory.mkdir(parents=True, exist_ok=False)
    db = connection.settings_dict
    engine = connection.vendor
    if engine == "postgresql":
        env, args = _pg_env_args(db)
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(directory / "database.dump"), *args, db["NAME"]],
            env=env,
            check=True,
            capture_output=True,
        )
    elif engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(directory / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"unsupported database engine {engine}")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(directory / "media.tar.gz", "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    counts = table_counts()
    files = media_checksums(media_root)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "tables": counts,
        "files": files,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return BackupResult(directory, len(counts), sum(counts.values()), len(files))


@dataclass
class RestoreResult:
    tables_checked: int
    rows: int
    files_checked: int
    mismatches: list[str]


def _restored_counts_pg(url_db: dict, tables: list[str]) -> dict[str, int]:
    import psycopg2

    conn = psycopg2.connect(
        dbname=url_db["NAME"],
        host=url_db.get("HOST") or None,
        port=url_db.get("PORT") or None,
        user=url_db.get("USER") or None,
        password=url_db.get("PASSWORD") or None,
    )
    try:
        with conn.cursor() as cur:
            result = {}
            for t in tables:
                cur.execute(f'SELECT COUNT(*) FROM "{t}"')
                result[t] = cur.fetchone()[0]
            return result
    finally:
        conn.close()


def restore(*, directory: Path, target_db: dict, media_root: Path) -> RestoreResult:
    """Restore into `target_db` (a Django DATABASES-style dict of an EMPTY database, or a new SQLite
    path) and `media_root`, then check every table's row count and every file's checksum."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    engine = manifest["engine"]
    if engine == "postgresql":
        env, args = _pg_env_args(target_db)
        proc = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", target_db["NAME"], *args, str(directory / "database.dump")],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise BackupError(f"pg_restore failed: {proc.stderr.strip()[:2000]}")
        counts = _restored_counts_pg(target_db, list(manifest["tables"]))
    else:
        target = Path(target_db["NAME"])
        if target.exists():
            raise BackupError(f"{target} exists; restore into a new file")
        shutil.copyfile(directory / "database.sqlite3", target)
        conn = sqlite3.connect(target)
        try:
            counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in manifest["tables"]}
        finally:
            conn.close()
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / "media.tar.gz", "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.name.startswith("media/") or m.name == "media"]
        for member in members:
            member.name = member.name[len("media/") :] if member.name != "media" else "."
        tar.extractall(media_root, members=members, filter="data")
    mismatches = [f"table {t}: {counts.get(t)} rows, backup had {n}" for t, n in manifest["tables"].items() if counts.get(t) != n]
    restored_files = media_checksums(media_root)
    for rel, digest in manifest["files"].items():
        if restored_files.get(rel) != digest:
            mismatches.append(f"file {rel}: checksum differs or missing")
    return RestoreResult(len(counts), sum(counts.values()), len(manifest["files"]), mismatches)


def default_directory() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / stamp
