"""One archive holding everything the system is made of, and its restore.

The archive is a tar file (gzip-compressed when its name ends in .gz or .tgz):

- ``database.pgdump`` (pg_dump's custom format) or ``database.sqlite3`` (a copy
  made with SQLite's online backup API), taken through the connection Django
  is using, whatever DATABASE_URL said;
- ``media/…``: every file under MEDIA_ROOT (uploads and signed PDFs);
- ``manifest.json``, last: when it was made, the app version and the applied
  migrations, the database engine, the SHA-256 and size of every other member,
  and the fingerprint of the SIGNING_SECRET that sealed the stored certificates.

SIGNING_SECRET itself is never written into the archive: whoever holds a
backup and the secret holds every unit's signing key, so the two are kept
apart. Restore refuses, before touching anything, an archive that does not
match its manifest, holds another engine's database or a newer schema, or
whose certificates the running SIGNING_SECRET cannot open.
"""

import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from emulation.documents import signing
from emulation.documents.material import signing_material_reseal
from emulation.models import SigningMaterial

FORMAT = "thidua-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Only with --include-signing-secret: whoever holds such an archive can use every stored certificate.
SECRET_MEMBER = "secrets/signing_secret"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The message says what is wrong and what to do; nothing was changed."""


@dataclass
class Restored:
    manifest: dict
    media_files: int
    needs_migrate: bool


def _media_root() -> Path:
    if not isinstance(storages["default"], FileSystemStorage):
        raise BackupError(f"Media are kept in {type(storages['default']).__name__}, not in a local MEDIA_ROOT: "
                          "back them up with that service's own tools.")
    return Path(settings.MEDIA_ROOT)


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups cover PostgreSQL and SQLite; this installation runs on {connection.vendor}.")
    return connection.vendor


def _program(name: str) -> str:
    executable = shutil.which(name)
    if executable is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL client programs "
                          "(apt-get install postgresql-client), the same major version as the server or newer.")
    return executable


def _postgres_command(program: str, parameters: list[str]) -> tuple[list[str], dict]:
    """``program`` run against the database Django is connected to (its
    settings_dict, not DATABASE_URL: under tests that is the test database)."""
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, parameters)
    return [_program(program), *args[1:]], {**os.environ, **(env or {})}


def _app_version() -> str:
    try:
        result = subprocess.run(["git", "-C", str(settings.BASE_DIR), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _dump_database(vendor: str, target: Path) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    command, env = _postgres_command("pg_dump", ["--format=custom", f"--file={target}"])
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


class _Hashing:
    """A file read by tarfile, hashed on the way."""

    def __init__(self, handle):
        self.handle, self.sha256, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, path: Path, name: str, members: dict) -> None:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = int(path.stat().st_mtime)
    info.mode = 0o600
    with path.open("rb") as handle:
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    members[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def _media_paths(root: Path) -> list[tuple[Path, str]]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for file_name in sorted(names):
            path = Path(folder) / file_name
            if path.is_file() and not path.is_symlink():
                found.append((path, posixpath.join(MEDIA, path.relative_to(root).as_posix())))
    return found


def _tar_mode(path: Path, writing: bool) -> str:
    if writing:
        return "w:gz" if path.name.endswith((".gz", ".tgz")) else "w"
    return "r:*"


def backup_create(*, path: Path, include_signing_secret: bool = False) -> dict:
    """Write the archive to ``path`` (readable by its owner only) and return its manifest.
    With ``include_signing_secret`` it also carries SIGNING_SECRET, so that it restores
    onto a host with another secret (the certificates are re-sealed there)."""
    vendor = _vendor()
    media_root = _media_root()
    path = Path(path).resolve()
    if path.exists():
        raise BackupError(f"{path} already exists: choose another name (backups are never overwritten).")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    members: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix=".thidua-backup-", dir=path.parent) as work:
            dump = Path(work) / DATABASE_MEMBERS[vendor]
            _dump_database(vendor, dump)
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "app": {"version": _app_version(), "migrations": _applied_migrations()},
                "database": {"engine": vendor, "member": DATABASE_MEMBERS[vendor],
                             "name": str(connection.settings_dict["NAME"])},
                "signing": {"secret_fingerprint": signing.signing_secret_fingerprint(),
                            "sealed_units": SigningMaterial.objects.exclude(pkcs12_sealed=None).count(),
                            "secret_included": include_signing_secret},
            }
            partial.unlink(missing_ok=True)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as output:
                with tarfile.open(fileobj=output, mode=_tar_mode(path, True)) as tar:
                    _add(tar, dump, DATABASE_MEMBERS[vendor], members)
                    if include_signing_secret:
                        secret = Path(work) / "signing_secret"
                        secret.write_text(settings.SIGNING_SECRET)
                        _add(tar, secret, SECRET_MEMBER, members)
                    media = _media_paths(media_root) if media_root.exists() else []
                    for file_path, name in media:
                        _add(tar, file_path, name, members)
                    manifest["media"] = {"files": len(media),
                                         "bytes": sum(members[name]["size"] for _path, name in media)}
                    manifest["members"] = members
                    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                output.flush()
                os.fsync(output.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _safe_member_name(member: tarfile.TarInfo) -> bool:
    name = member.name
    if not member.isfile() or name.startswith("/") or "\\" in name:
        return False
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    return name in DATABASE_MEMBERS.values() or name == SECRET_MEMBER or (parts[0] == MEDIA and len(parts) > 1)


def _extract(path: Path, into: Path) -> dict:
    """Unpack ``path`` into ``into``, checking every member against the manifest."""
    found: dict[str, dict] = {}
    strangers = []
    manifest_data = None
    try:
        with tarfile.open(path, _tar_mode(path, False)) as tar:
            for member in tar:
                if member.name in found or (member.name == MANIFEST and manifest_data is not None):
                    raise BackupError(f"{path} is damaged: {member.name} appears twice. Nothing was restored.")
                if member.name == MANIFEST and member.isfile():
                    manifest_data = tar.extractfile(member).read()
                    continue
                if not _safe_member_name(member):
                    strangers.append(member.name)
                    continue
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with tar.extractfile(member) as source, target.open("wb") as output:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        output.write(chunk)
                found[member.name] = {"sha256": digest.hexdigest(), "size": size}
    except BackupError:
        raise
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"{path} is damaged or not a Thi đua backup ({error}). Nothing was restored.") from error
    if manifest_data is None:
        raise BackupError(f"{path} is not a Thi đua backup: it has no {MANIFEST}.")
    if strangers:
        raise BackupError(f"{path} is damaged: {strangers[0]} is not a member a backup holds. Nothing was restored.")
    try:
        manifest = json.loads(manifest_data)
        listed = manifest["members"] if manifest.get("format") == FORMAT else None
    except (ValueError, TypeError, KeyError):
        listed = None
    if not isinstance(listed, dict):
        raise BackupError(f"{path} is not a Thi đua backup: its {MANIFEST} is not one.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{path} is a backup in format {manifest.get('format_version')}; this version of the app "
                          f"reads format {FORMAT_VERSION}.")
    for name in sorted(found):
        if name not in listed:
            raise BackupError(f"{path} is damaged: {name} is not listed in the manifest. Nothing was restored.")
        if found[name] != {"sha256": listed[name].get("sha256"), "size": listed[name].get("size")}:
            raise BackupError(f"{path} is damaged: {name} does not match its SHA-256 in the manifest. "
                              "Nothing was restored.")
    for name in sorted(listed):
        if name not in found:
            raise BackupError(f"{path} is damaged: {name} is missing. Nothing was restored.")
    return manifest


def _check_fits(manifest: dict, *, ignore_signing_secret: bool) -> None:
    engine, vendor = manifest["database"]["engine"], _vendor()
    if engine != vendor:
        raise BackupError(f"This backup holds a {engine} database; this installation runs on {vendor}. Restore it "
                          f"where DATABASE_URL points at a {engine} database.")
    if manifest["database"]["member"] != DATABASE_MEMBERS[vendor]:
        raise KeyError("database.member")
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations) | {old for migration in loader.disk_migrations.values()
                                           for old in migration.replaces}
    # Rows of apps no longer installed say nothing about this code's schema.
    unknown = sorted(f"{app}.{name}" for app, name in manifest["app"]["migrations"]
                     if app in loader.migrated_apps and (app, name) not in known)
    if unknown:
        raise BackupError(f"This backup was made by a newer version of the app (migrations unknown here: "
                          f"{', '.join(unknown)}). Install that version, then restore.")
    sealed = manifest["signing"]
    current = signing.signing_secret_fingerprint()
    if (sealed["sealed_units"] and sealed["secret_fingerprint"] != current and not sealed.get("secret_included")
            and not ignore_signing_secret):
        raise BackupError(
            f"The certificates in this backup were sealed with another SIGNING_SECRET (fingerprint "
            f"{sealed['secret_fingerprint']}); this installation runs with fingerprint {current}. Start it with the "
            "SIGNING_SECRET that was in use when the backup was made, or pass --ignore-signing-secret to restore "
            "anyway and upload the certificates again.")


def _restore_database(vendor: str, dump: Path, work: Path) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        try:
            # Read-only: a dump that is not there must fail, not open as an empty database and wipe this one.
            source = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        except sqlite3.Error as error:
            raise BackupError(f"SQLite could not take the backup in ({error}); the database is as it was. Stop the "
                              "web and worker processes first.") from error
        return
    # One transaction: drop what is there, then load the dump; any error leaves the database as it was.
    quote = connection.ops.quote_name
    tables = connection.introspection.table_names()
    drop = work / "drop.sql"
    drop.write_text("SET lock_timeout = '30s';\n" + "".join(
        f"DROP TABLE IF EXISTS {quote(table)} CASCADE;\n" for table in tables))
    connection.close()
    # The dump becomes SQL on disk first: piped straight into psql, a pg_restore
    # that fails half-way would leave psql to commit the drops with nothing loaded.
    restore_sql, errors = work / "restore.sql", work / "pg_restore.log"
    with restore_sql.open("wb") as out, errors.open("wb") as log:
        converting = subprocess.run([_program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump)],
                                    stdout=out, stderr=log)
    if converting.returncode != 0:
        raise BackupError(f"pg_restore could not read the dump; the database is as it was. "
                          f"{errors.read_text(errors='replace').strip()}")
    psql, env = _postgres_command("psql", ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                                           f"--file={drop}", f"--file={restore_sql}"])
    loading = subprocess.run(psql, env=env, capture_output=True, text=True)
    if loading.returncode != 0:
        hint = " Stop the web and worker processes first." if "lock timeout" in loading.stderr else ""
        raise BackupError(f"psql could not load the dump; the database is as it was.{hint} {loading.stderr.strip()}")


def _replace_media(new: Path, media_root: Path, previous: Path) -> Callable[[], None]:
    """Move MEDIA_ROOT's entries into ``previous`` and the restored ones in; the
    folder itself stays (it may be a mount point). Returns what undoes it; a
    failure half-way is undone before it is raised."""
    new.mkdir(exist_ok=True)
    media_root.mkdir(parents=True, exist_ok=True)
    previous.mkdir()
    moved_out: list[str] = []
    moved_in: list[str] = []

    def undo() -> None:
        for name in moved_in:
            entry = media_root / name
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            elif entry.exists() or entry.is_symlink():
                entry.unlink()
        for name in moved_out:
            shutil.move(previous / name, media_root / name)

    try:
        for entry in list(media_root.iterdir()):
            shutil.move(entry, previous / entry.name)
            moved_out.append(entry.name)
        for entry in list(new.iterdir()):
            shutil.move(entry, media_root / entry.name)
            moved_in.append(entry.name)
    except OSError:
        undo()
        raise
    return undo


def backup_describe(path: Path, *, into: Path, ignore_signing_secret: bool = False) -> dict:
    """Unpack and check everything that can be checked before changing anything."""
    manifest = _extract(Path(path), into)
    try:
        _check_fits(manifest, ignore_signing_secret=ignore_signing_secret)
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError(f"{path} is not a Thi đua backup: its {MANIFEST} is incomplete ({error}).") from error
    return manifest


def workspace_for_restore() -> tempfile.TemporaryDirectory:
    """Beside MEDIA_ROOT, so that restored files move in without copying."""
    media_root = _media_root()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=".thidua-restore-", dir=media_root.parent)


def backup_restore(*, manifest: dict, work: Path) -> Restored:
    """Replace the database and the media with those unpacked into ``work`` by
    backup_describe(). Stop the web and worker processes first."""
    vendor = _vendor()
    media_root, previous = _media_root(), work / "previous-media"
    # Files first: moving them is undone easily, a replaced database is not.
    try:
        undo_media = _replace_media(work / MEDIA, media_root, previous)
    except OSError as error:
        raise BackupError(f"Could not move the restored files into {media_root}; nothing was changed. {error}"
                          ) from error
    try:
        _restore_database(vendor, work / manifest["database"]["member"], work)
    except BaseException:
        undo_media()
        raise
    ContentType.objects.clear_cache()
    _open_the_certificates(manifest, work)
    count = sum(1 for path in media_root.rglob("*") if path.is_file())
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return Restored(manifest=manifest, media_files=count,
                    needs_migrate=bool(set(loader.graph.leaf_nodes()) - set(loader.applied_migrations)))


def _open_the_certificates(manifest: dict, work: Path) -> None:
    """Certificates sealed with another SIGNING_SECRET: re-sealed with this one when
    the archive carries the old secret; otherwise (--ignore-signing-secret) dropped,
    so that no unit looks as if it could still sign."""
    sealed = manifest["signing"]
    if not sealed["sealed_units"] or sealed["secret_fingerprint"] == signing.signing_secret_fingerprint():
        return
    if sealed.get("secret_included"):
        signing_material_reseal(old_secret=(work / SECRET_MEMBER).read_text())
    else:
        SigningMaterial.objects.update(pkcs12_sealed=None, password_sealed=None)


def created_at(manifest: dict) -> str:
    moment = datetime.datetime.fromisoformat(manifest["created_at"])
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"
