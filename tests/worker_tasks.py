"""Tasks that only the worker-resilience tests send; the worker they start imports
this module with ``--include tests.worker_tasks``."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(acks_late=True)
def probe_block(*, folder: str, name: str, timeout: float = 60) -> None:
    """Record which pool child runs this delivery, then wait until the test drops ``release``."""
    folder_path = Path(folder)
    (folder_path / f"{name}.started.{os.getpid()}").touch()
    deadline = time.monotonic() + timeout
    while not (folder_path / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    (folder_path / f"{name}.done.{os.getpid()}").touch()


@shared_task(acks_late=True)
def probe_touch(*, folder: str, name: str) -> None:
    (Path(folder) / f"{name}.done.{os.getpid()}").touch()


@shared_task(acks_late=True)
def probe_sleep(*, folder: str, name: str, seconds: float) -> None:
    time.sleep(seconds)
    (Path(folder) / f"{name}.done.{os.getpid()}").touch()
