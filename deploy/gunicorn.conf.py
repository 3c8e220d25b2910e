"""gunicorn settings for the web process (scripts/serve web), read from the environment."""

import os
import sys

import django

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}").split(",")
# Threads as well as processes: a request mostly waits on the database; PDFs render in a child process.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WEB_THREADS", "4"))
# Rendering a long plan may take up to 30 s (its own limit): leave room around it.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# X-Forwarded-* headers are believed only from a reverse proxy on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
# gunicorn's control socket (gunicornc) is not used; one per user home would clash between instances.
control_socket_disable = True


def on_starting(server):
    """Refuse to serve without collected static files: every page would fail
    while the process looked alive. Checked in the master, before any worker
    starts, so the exit is always the same (3, gunicorn's "failed to boot")."""
    # The web unit and scripts/serve set it; a bare `gunicorn -c deploy/gunicorn.conf.py` would not.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    django.setup()
    from emulation.health import static_files_problem  # noqa: PLC0415 — needs django.setup() above

    problem = static_files_problem()
    if problem:
        server.log.error("Not starting: static files: %s", problem)
        sys.exit(3)
