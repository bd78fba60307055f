"""Backup and restore of the whole installation: database and uploaded/stored files, one .tar.gz.

Archive layout:
    manifest.json      what is inside (format, engine, when, counts)
    database.json      Django dumpdata (natural foreign keys), any database engine
 or database.pgdump   pg_dump custom format, when the database is PostgreSQL and pg_dump exists
    media/...          MEDIA_ROOT (photos, stored letters, certificates, reports)
"""

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from common.errors import ServiceError

FORMAT_VERSION = 1
# Rebuilt by `migrate`/post_migrate or worthless after a restore (log-in sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(ServiceError):
    pass


def _pg_env(db) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def default_format(using="default") -> str:
    vendor = connections[using].vendor
    return "pg_dump" if vendor == "postgresql" and shutil.which("pg_dump") else "json"


def mix_before_dumping() -> None:
    """Mix the ballot and rating boxes first: what a dump holds has been through a mix wherever
    at least five entries waited (fewer stay sealed; README "Security")."""
    from evaluations.services.rating_box import mix_waiting
    from voting.services.ballots import mix_open_votes

    mix_open_votes()
    mix_waiting()


def create_backup(output: Path, *, fmt: str | None = None, using="default") -> dict:
    """Write the archive to `output` (the secret boxes mixed first); returns the manifest."""
    mix_before_dumping()
    fmt = fmt or default_format(using)
    db = connections[using].settings_dict
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if fmt == "pg_dump":
            dump = tmp / "database.pgdump"
            result = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *_pg_args(db),
                    "-f",
                    str(dump),
                    str(db["NAME"]),
                ],
                env=_pg_env(db),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        elif fmt == "json":
            dump = tmp / "database.json"
            with dump.open("w", encoding="utf-8") as stream:
                call_command(
                    "dumpdata",
                    natural_foreign=True,
                    exclude=EXCLUDED,
                    database=using,
                    stdout=stream,
                    indent=None,
                )
        else:
            raise BackupError(f"unknown format {fmt!r}")
        media = Path(settings.MEDIA_ROOT)
        media_files = [p for p in media.rglob("*") if p.is_file()] if media.is_dir() else []
        manifest = {
            "format_version": FORMAT_VERSION,
            "database_format": fmt,
            "database_file": dump.name,
            "engine": db["ENGINE"],
            "created_at": timezone.now().isoformat(),
            "media_files": len(media_files),
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
            for path in media_files:
                tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
        partial.replace(output)  # never leave a half-written archive under the final name
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.getmember("manifest.json")
            return json.load(tar.extractfile(member))
    except (tarfile.TarError, OSError, KeyError, ValueError) as exc:
        raise BackupError(f"not a Serawai backup ({exc})") from exc


def restore_backup(archive: Path, *, using="default") -> dict:
    """Replace the database and the media folder with the archive's content."""
    from auditlog.context import disable_auditlog

    archive = Path(archive)
    manifest = read_manifest(archive)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"unsupported backup format {manifest.get('format_version')!r}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(tmp, filter="data")  # refuses absolute paths, .., links out
        except tarfile.TarError as exc:
            raise BackupError(f"the archive cannot be unpacked safely: {exc}") from exc
        dump = tmp / manifest["database_file"]
        if not dump.is_file():
            raise BackupError(f"{manifest['database_file']} is missing from the archive")
        db = connections[using].settings_dict
        if manifest["database_format"] == "pg_dump":
            if connections[using].vendor != "postgresql":
                raise BackupError("this backup is a pg_dump: restore it into PostgreSQL")
            connections[using].close()
            result = subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    *_pg_args(db),
                    "-d",
                    str(db["NAME"]),
                    str(dump),
                ],
                env=_pg_env(db),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        else:
            with transaction.atomic(using=using), disable_auditlog():
                call_command("flush", interactive=False, database=using, verbosity=0)
                call_command("loaddata", str(dump), database=using, verbosity=0)
        _replace_media(tmp / "media")
    return manifest


def _replace_media(source: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    staged = media.with_name(media.name + ".restoring")
    if staged.exists():
        shutil.rmtree(staged)
    if source.is_dir():
        shutil.copytree(source, staged)
    else:
        staged.mkdir()
    old = media.with_name(media.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media.exists():
        media.rename(old)
    staged.rename(media)
    if old.exists():
        shutil.rmtree(old)
