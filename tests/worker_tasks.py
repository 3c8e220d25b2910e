"""Tasks sent only by tests/test_worker_resilience.py; the worker it starts
imports them with ``--include tests.worker_tasks``. Each run leaves a file
named after the task and the pool child's pid."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(acks_late=True)
def probe_block(*, folder: str, name: str, timeout: float = 120) -> None:
    """Holds its pool child until the test drops a ``release`` file."""
    marks = Path(folder)
    (marks / f"{name}.started.{os.getpid()}").touch()
    deadline = time.monotonic() + timeout
    while not (marks / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    (marks / f"{name}.done.{os.getpid()}").touch()


@shared_task(acks_late=True)
def probe_touch(*, folder: str, name: str) -> None:
    (Path(folder) / f"{name}.done.{os.getpid()}").touch()
