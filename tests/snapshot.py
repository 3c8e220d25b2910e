"""A copy of every table of the test database, kept beside it and put back in
one statement per table: the browser tests need the demo as load_demo leaves
it, and loading it (~15 s) is most of what each of them costs. Their live
server makes them transactional, so the copy must survive the flush that ends
each test — a rolled-back transaction would not.

PostgreSQL keeps the copy in a schema of the test database; SQLite in a
database file attached beside it. Either way the copy belongs to the test
process (its own test database) and goes with the test database."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from celery.signals import before_task_publish
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "demo_snapshot"


class TableSnapshot:
    def __init__(self) -> None:
        self.tables: list[str] = []

    @property
    def taken(self) -> bool:
        return bool(self.tables)

    def take(self) -> None:
        """Copies every table as it is now (the previous copy, if any, is dropped)."""
        tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        with connection.cursor() as cursor:
            self._prepare_namespace(cursor)
            for table in tables:
                original = connection.ops.quote_name(table)
                cursor.execute(f"CREATE TABLE {self._copy_of(table)} AS SELECT * FROM {original}")
        self.tables = tables

    def restore(self) -> None:
        """Every table as it was when taken; the sequences after the highest
        keys, as a load would leave them."""
        style = no_style()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                self._attach(cursor)  # not inside a transaction: SQLite refuses to
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(style, self.tables, allow_cascade=True):
                cursor.execute(statement)
            # The foreign keys Django makes are checked at commit (deferred), so the order of the tables is free.
            for table in self.tables:
                cursor.execute(f"INSERT INTO {connection.ops.quote_name(table)} SELECT * FROM {self._copy_of(table)}")
            for statement in connection.ops.sequence_reset_sql(style, apps.get_models(include_auto_created=True)):
                cursor.execute(statement)
        # Content types and their ids come back with the tables; the ones cached in this process may be
        # of the rows the flush's post_migrate made.
        from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 — after the apps are ready

        ContentType.objects.clear_cache()

    def _copy_of(self, table: str) -> str:
        return f"{SCHEMA}.{connection.ops.quote_name(table)}"

    def _prepare_namespace(self, cursor) -> None:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        elif connection.vendor == "sqlite":
            self._attach(cursor)
            cursor.execute(f"SELECT name FROM {SCHEMA}.sqlite_master WHERE type = 'table'")
            for (table,) in cursor.fetchall():
                cursor.execute(f"DROP TABLE {self._copy_of(table)}")
        else:
            raise RuntimeError(f"The tests run on PostgreSQL or SQLite, not {connection.vendor}.")

    def _attach(self, cursor) -> None:
        """The connection may have been opened again since the last time (Django closes it between requests)."""
        cursor.execute("PRAGMA database_list")
        if SCHEMA not in {row[1] for row in cursor.fetchall()}:
            path = Path(f"{connection.settings_dict['NAME']}-snapshot")
            cursor.execute(f"ATTACH DATABASE %s AS {SCHEMA}", [str(path)])


@contextmanager
def tasks_published() -> Iterator[list[tuple[str, list, dict]]]:
    """The Celery tasks sent while inside: (name, args, kwargs), to send again with what they were about."""
    published = []

    def record(sender=None, body=None, **_):
        args, kwargs, _embed = body
        published.append((sender, list(args), dict(kwargs)))

    before_task_publish.connect(record, weak=False)
    try:
        yield published
    finally:
        before_task_publish.disconnect(record)
