"""Stored files live and die with the rows that refer to them.

- Deleting a row with a FileField (directly, or by cascade) deletes its files
  once the delete is committed; a rolled-back delete keeps them, and a file
  another row still names stays.
- Services that store a file do it with ``file_store()`` inside
  ``files_discarded_on_error()``, placed outside their transaction: when the
  block raises (a refused upload, an insert the database rejects, a failed
  commit) the files stored in it are deleted again.
- What neither can see (a process killed between writing the file and the
  commit, a caller's transaction rolled back after the service returned) is
  found by ``manage.py find_orphan_files``.
"""

import contextvars
import datetime
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

_stored: contextvars.ContextVar[list | None] = contextvars.ContextVar("stored_files", default=None)
NAMES_PER_QUERY = 500


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every (model, field) holding a file, proxies left out (their table is the concrete model's)."""
    return [(model, field) for model in apps.get_models() if not model._meta.proxy
            for field in model._meta.fields if isinstance(field, models.FileField)]


def _referenced(storage, names: list[str], using: str | None = None) -> set[str]:
    found = set()
    for model, field in file_fields():
        if field.storage is storage:
            found.update(model._base_manager.using(using).filter(**{f"{field.attname}__in": names})
                         .values_list(field.attname, flat=True))
    return found


def _delete_unless_referenced(storage, name: str, using: str) -> None:
    if not _referenced(storage, [name], using):
        storage.delete(name)


def _delete_files_on_commit(sender, instance, using, **kwargs) -> None:
    for field in sender._meta.fields:
        if isinstance(field, models.FileField):
            name = getattr(instance, field.attname).name
            if name:
                transaction.on_commit(partial(_delete_unless_referenced, field.storage, name, using), using=using)


def connect_file_cleanup() -> None:
    """Called from EmulationConfig.ready(), once every model is known. A model
    with a delete receiver is never fast-deleted, so cascades reach it too."""
    for model in apps.get_models():
        if any(isinstance(field, models.FileField) for field in model._meta.fields):
            post_delete.connect(_delete_files_on_commit, sender=model,
                                dispatch_uid=f"emulation.files:{model._meta.label}")


@contextmanager
def files_discarded_on_error():
    """Files stored with file_store() in the block are deleted if the block
    raises. Also a decorator; put it outside ``transaction.atomic`` so that a
    failed commit counts. A nested block hands its files to the enclosing one."""
    enclosing = _stored.get()
    stored: list = []
    token = _stored.set(stored)
    try:
        yield
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    finally:
        _stored.reset(token)
    if enclosing is not None:
        enclosing.extend(stored)


def file_store(field_file, name: str, content) -> str:
    """Write ``content`` into ``field_file`` (the row is not saved) and have
    the enclosing files_discarded_on_error() remember it; returns the stored name."""
    field_file.save(name, content, save=False)
    stored = _stored.get()
    if stored is not None:
        stored.append((field_file.storage, field_file.name))
    return field_file.name


@dataclass(frozen=True)
class OrphanFile:
    storage: object
    name: str
    size: int


@dataclass(frozen=True)
class MissingFile:
    label: str
    pk: object
    field: str
    name: str


def _storages() -> list:
    seen = []
    for _model, field in file_fields():
        if not any(field.storage is storage for storage in seen):
            seen.append(field.storage)
    return seen


def _walk(storage, folder: str = "") -> Iterator[str]:
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(names):
        yield posixpath.join(folder, name) if folder else name
    for child in sorted(folders):
        yield from _walk(storage, posixpath.join(folder, child) if folder else child)


def orphan_files(*, older_than: datetime.timedelta) -> Iterator[OrphanFile]:
    """Stored files no row refers to, last written before ``older_than`` ago
    (a younger one may belong to an upload whose transaction is still open)."""
    cutoff = timezone.now() - older_than

    def unreferenced(storage, batch):
        referenced = _referenced(storage, batch)
        for name in batch:
            if name not in referenced and storage.get_modified_time(name) <= cutoff:
                yield OrphanFile(storage=storage, name=name, size=storage.size(name))

    for storage in _storages():
        batch = []
        for name in _walk(storage):
            batch.append(name)
            if len(batch) == NAMES_PER_QUERY:
                yield from unreferenced(storage, batch)
                batch = []
        yield from unreferenced(storage, batch)


def missing_files() -> Iterator[MissingFile]:
    """Rows naming a file their storage does not have."""
    for model, field in file_fields():
        rows = (model._base_manager.exclude(**{f"{field.attname}__isnull": True}).exclude(**{field.attname: ""})
                .order_by("pk").values_list("pk", field.attname))
        for pk, name in rows.iterator(chunk_size=2000):
            if not field.storage.exists(name):
                yield MissingFile(label=model._meta.label, pk=pk, field=field.name, name=name)
