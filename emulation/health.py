"""What a running process needs from around it, checked the way pages use it.

``/healthz`` asks all three; the web process refuses to start without static
files (deploy/gunicorn.conf.py), since every page links them through the
manifest and fails without it while the process itself looks alive.
"""

import logging

from django.apps import apps
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection

from emulation.celery import app

logger = logging.getLogger(__name__)


def static_files_problem() -> str | None:
    # Development serves from the source folders; production storage reads the
    # manifest once, when the process starts, so a collectstatic run afterwards
    # does not help this process: asking the loaded copy tells the truth.
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return None
    if not staticfiles_storage.hashed_files:
        return f"no manifest in {staticfiles_storage.location}: run `manage.py collectstatic` (scripts/serve release)"
    # A manifest from the previous release: a file the new code links is missing from it, and its pages fail.
    missing = sorted(_shipped_static_files() - set(staticfiles_storage.hashed_files))
    if missing:
        return (f"{len(missing)} file(s) missing from the manifest in {staticfiles_storage.location} "
                f"({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''}): run `manage.py collectstatic` "
                "(scripts/serve release)")
    return None


def _shipped_static_files() -> set[str]:
    """What collectstatic would collect: every file the finders list, minus what it ignores."""
    ignore_patterns = apps.get_app_config("staticfiles").ignore_patterns
    return {path.replace("\\", "/") for finder in get_finders() for path, _storage in finder.list(ignore_patterns)}


def database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        logger.warning("Health check: database unreachable: %s", error)
        return type(error).__name__
    return None


def broker_problem() -> str | None:
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=0, timeout=5)
            # A round trip (Redis) or a look at the queue folder (disk broker).
            broker.default_channel.queue_declare(queue=app.conf.task_default_queue)
    except Exception as error:
        logger.warning("Health check: broker unreachable: %s", error)
        return type(error).__name__
    return None


def problems() -> dict[str, str]:
    found = {
        "static files": static_files_problem(),
        "database": database_problem(),
        "broker": broker_problem(),
    }
    return {part: problem for part, problem in found.items() if problem}
