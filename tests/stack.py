"""Running the production commands from tests: the systemd units' ExecStart,
the example environment file, free ports, waiting, and pool children."""

import contextlib
import os
import shlex
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def unit_setting(unit: str, key: str) -> str:
    """The value of ``key`` in the [Service] section of deploy/<unit>."""
    section = ""
    for line in (DEPLOY / unit).read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and line.startswith(f"{key}="):
            return line.split("=", 1)[1]
    raise KeyError(f"{key} not in the [Service] section of {unit}")


def unit_command(unit: str) -> list[str]:
    """The unit's ExecStart, with its WorkingDirectory (where the code is
    installed) replaced by this checkout."""
    installed = unit_setting(unit, "WorkingDirectory")
    return [part.replace(installed, str(ROOT), 1) if part.startswith(installed) else part
            for part in shlex.split(unit_setting(unit, "ExecStart"))]


def example_environment() -> dict[str, str]:
    """deploy/thidua.env.example as systemd reads it (KEY=value lines, quotes stripped)."""
    values = {}
    for line in (DEPLOY / "thidua.env.example").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, value = line.split("=", 1)
        values[key] = shlex.split(value)[0] if value else ""
    return values


def production_environment(var_dir: Path, port: int, **overrides: str) -> dict[str, str]:
    """The example file's settings, made to run here: this checkout's venv, a
    throw-away var/ with SQLite, plain HTTP on a free local port, and the
    broker the test suite is configured with (Redis in CI, else the disk)."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG"}}
    environment.update(example_environment())
    environment.update({
        "SECRET_KEY": "production-test-secret-key-" + "Zq8Lm3Vx7Np2" * 4,
        "SIGNING_SECRET": "production-test-signing-secret-" + "Hw5Tb9Kc1Rd6" * 4,
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_PROXY_SSL": "false",
        "TRUSTED_PROXY_COUNT": "0",
        "BIND": f"127.0.0.1:{port}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "THIDUA_VENV": str(ROOT / ".venv"),
        "THIDUA_VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "EMAIL_HOST": "127.0.0.1",
    })
    del environment["DATABASE_URL"]  # SQLite in the throw-away var/
    if os.environ.get("REDIS_URL"):
        environment["REDIS_URL"] = os.environ["REDIS_URL"]
    else:
        del environment["REDIS_URL"]
    environment.update(overrides)
    return environment


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable, timeout: float, what: str, log: Path | None = None,
             process: subprocess.Popen | None = None, interval: float = 0.2):
    """Poll ``condition`` until it returns something true; fail after ``timeout``
    seconds, or as soon as ``process`` has ended, quoting the end of ``log``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        ended = process is not None and process.poll() is not None
        if ended or time.monotonic() > deadline:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-60:]) if log else ""
            why = f"the process ended (exit {process.returncode})" if ended else f"not within {timeout:g} s"
            raise AssertionError(f"{why}: {what}\n{tail}")
        time.sleep(interval)


def start(command: list[str], environment: dict[str, str], log: Path) -> subprocess.Popen:
    """A process group of its own, so that stop() reaches everything it started."""
    with log.open("wb") as output:
        return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def stop(process: subprocess.Popen, timeout: float = 30) -> int | None:
    """SIGTERM to the group, then SIGKILL what is left; the exit status, None if it had to be killed."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None
    with contextlib.suppress(ProcessLookupError):  # the group may be gone already
        os.killpg(process.pid, signal.SIGKILL)  # stragglers of the group
    return process.returncode


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if int(parent) == pid and state != "Z":
            found.append(int(entry.name))
    return sorted(found)
