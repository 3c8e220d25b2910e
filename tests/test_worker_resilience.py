"""A real worker, started by the command of deploy/thidua-worker.service
(prefork, two children), on the broker the suite is configured with: the disk
broker by default, Redis in CI. The tasks come from tests/worker_tasks.py, on
a queue of this test's own."""

import os
import signal
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.stack import children, free_port, production_environment, start, stop, unit_command, wait_for
from tests.worker_tasks import probe_block, probe_touch

pytestmark = pytest.mark.worker


def pids(folder: Path, pattern: str) -> list[int]:
    return sorted(int(path.name.rsplit(".", 1)[1]) for path in folder.glob(pattern))


def exactly(count: int, found: list[int]) -> list[int] | None:
    return found if len(found) == count else None


@pytest.fixture
def probe(tmp_path, settings):
    marks = tmp_path / "marks"
    marks.mkdir()
    queue = f"probe-{uuid.uuid4().hex[:12]}"
    # The worker shares the test process's broker: the same var/ (disk broker) or REDIS_URL.
    environment = production_environment(Path(settings.VAR_DIR), free_port(), WORKER_CONCURRENCY="2")
    log = tmp_path / "worker.log"
    worker = start([*unit_command("thidua-worker.service"), "--include", "tests.worker_tasks", "--queues", queue,
                    "--without-mingle", "--without-gossip"], environment, log)

    def send(task, **kwargs):
        task.apply_async(kwargs={"folder": str(marks), **kwargs}, queue=queue)

    yield worker, marks, send, log
    stop(worker)


def test_killed_pool_children_are_replaced_and_their_task_runs_again(probe):
    worker, marks, send, log = probe
    send(probe_touch, name="warm-up")
    wait_for(lambda: pids(marks, "warm-up.done.*"), 60, "the worker runs a task", log)

    # Both children killed while they wait for work (the OOM killer, an operator's kill -9).
    idle = children(worker.pid)
    assert len(idle) == 2
    for pid in idle:
        os.kill(pid, signal.SIGKILL)
    replaced = wait_for(lambda: exactly(2, [pid for pid in children(worker.pid) if pid not in idle]), 30,
                        "two new pool children", log)

    # A child killed in the middle of a task: the task runs again, on another child.
    send(probe_block, name="long")
    first = wait_for(lambda: pids(marks, "long.started.*"), 30, "the long task starts", log)
    assert len(first) == 1 and first[0] in replaced
    os.kill(first[0], signal.SIGKILL)
    for number in range(10):
        send(probe_touch, name=f"short-{number}")
    runs = wait_for(lambda: exactly(2, pids(marks, "long.started.*")), 30,
                    "the killed task is delivered again", log)
    second = [pid for pid in runs if pid != first[0]]
    assert len(second) == 1 and second[0] in children(worker.pid)

    # The other tasks keep flowing while the long one holds a child.
    wait_for(lambda: all(pids(marks, f"short-{number}.done.*") for number in range(10)), 30,
             "the ten short tasks run", log)
    (marks / "release").touch()
    wait_for(lambda: pids(marks, "long.done.*"), 30, "the long task finishes", log)
    assert pids(marks, "long.done.*") == second

    # A warm shutdown with nothing running ends promptly.
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the worker did not stop within 30 s of SIGTERM\n{log.read_text()}")
    assert worker.returncode == 0
