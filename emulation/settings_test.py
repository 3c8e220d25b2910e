"""Settings for the test suite: the real settings, with fast hashing and
in-memory email. Database and broker still come from the environment."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("THIDUA_VAR_DIR", tempfile.mkdtemp(prefix="thidua-test-"))
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and Path(os.environ["THIDUA_VAR_DIR"]).name != _worker:
    # Each parallel test process has files of its own (uploads, signed PDFs, the disk broker's
    # queue): the processes inherit the first one's folder, and would take each other's tasks.
    os.environ["THIDUA_VAR_DIR"] = str(Path(os.environ["THIDUA_VAR_DIR"]) / _worker)
if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    # Each parallel test process (gw0, gw1, …) has a Redis database of its own,
    # so one process's workers never take the other's tasks. Set in the
    # environment, so the stacks the tests start use it too.
    _broker = urlsplit(os.environ["REDIS_URL"])
    _database = 1 + int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    os.environ["REDIS_URL"] = urlunsplit(_broker._replace(path=f"/{_database}"))

from emulation.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Shared by the test processes and kept between runs: each one made them anew (~5 s) otherwise.
DERIVED_FONT_DIR = BASE_DIR / "var" / "test-fonts"  # noqa: F405
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SITE_URL = "http://testserver"
# In memory, per test process: the suite empties the cache after every test,
# which on the shared Redis would flush the broker's queues too.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in `make run`, not SQLite's shared in-memory database: with a
    # live server and a worker thread beside the test, shared-cache table locks
    # fail at once ("database table is locked") instead of waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
