"""The production run path: `make serve`, the systemd units in deploy/, the
settings production refuses to start without, /healthz, and a virtualenv built
from requirements.txt alone."""

import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from emulation.celery import app as celery_app
from tests.stack import (
    DEPLOY,
    ROOT,
    example_environment,
    free_port,
    production_environment,
    start,
    stop,
    unit_command,
    wait_for,
)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def answering(url: str):
    try:
        return fetch(url)
    except OSError:
        return None


def assert_serves_the_site(base: str, log: Path, process: subprocess.Popen) -> None:
    status, _, body = wait_for(lambda: answering(f"{base}/healthz"), 90, f"{base}/healthz answers", log, process)
    assert (status, body) == (200, b"ok"), log.read_text()
    status, content_type, page = fetch(f"{base}/dang-nhap/")
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    assert "Đăng nhập" in page.decode()
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.decode()).group(1)
    status, content_type, css = fetch(base + stylesheet)
    assert (status, content_type) == (200, "text/css; charset=\"utf-8\"")
    assert css == (ROOT / "static/css/app.css").read_bytes()


# SITE_URL --------------------------------------------------------------------

def manage(tmp_path, *arguments, **environment) -> subprocess.CompletedProcess:
    env = production_environment(tmp_path, 8000, DJANGO_SETTINGS_MODULE="emulation.settings", **environment)
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_production_refuses_to_start_without_site_url(tmp_path):
    """It is printed for good into every signed PDF: never guessed."""
    result = manage(tmp_path, "check", DEBUG="false", SITE_URL="")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: SITE_URL phải được đặt khi DEBUG tắt: địa chỉ này được in "
        "vĩnh viễn vào mọi văn bản PDF đã ký. / SITE_URL must be set when DEBUG is off: it is printed for good "
        "into every signed PDF (e.g. SITE_URL=https://thidua.example.gov.vn).")
    relative = manage(tmp_path, "check", DEBUG="false", SITE_URL="thidua.example.gov.vn")
    assert relative.returncode == 1
    assert relative.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: SITE_URL phải là địa chỉ đầy đủ, bắt đầu bằng https:// "
        "hoặc http://. / SITE_URL must be an absolute http(s) address, got 'thidua.example.gov.vn'.")


def test_development_site_url_follows_the_port(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", "from django.conf import settings; "
                    "print(settings.SITE_URL)", DEBUG="true", SITE_URL="", PORT="8123")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "http://127.0.0.1:8123\n"


# /healthz --------------------------------------------------------------------

@pytest.mark.django_db
def test_healthz_is_ok_when_static_files_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_healthz_fails_while_static_files_are_not_collected(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode() == (
        f"static files: no manifest in {tmp_path / 'staticfiles'}: run `manage.py collectstatic` "
        "(scripts/serve release)\n")

    call_command("collectstatic", interactive=False, verbosity=0)
    # The storage loads the manifest when the process starts: a new process serves the pages.
    settings.STORAGES = {**settings.STORAGES}
    assert (client.get("/healthz").status_code, client.get("/healthz").content) == (200, b"ok")


@pytest.mark.django_db
def test_healthz_fails_while_the_manifest_is_from_an_older_release(client, settings, tmp_path):
    """The new code links a file the last collectstatic never saw: every page would fail."""
    shipped = tmp_path / "static"
    (shipped / "js").mkdir(parents=True)
    (shipped / "js" / "old.js").write_text("// old\n")
    settings.STATICFILES_DIRS = [shipped]
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.STORAGES = {**settings.STORAGES}
    assert client.get("/healthz").status_code == 200
    (shipped / "js" / "new.js").write_text("// new\n")
    response = client.get("/healthz")
    assert (response.status_code, response.content.decode()) == (503, (
        f"static files: 1 file(s) missing from the manifest in {tmp_path / 'staticfiles'} (js/new.js): run "
        "`manage.py collectstatic` (scripts/serve release)\n"))


@pytest.mark.django_db
def test_healthz_fails_while_the_broker_is_down(client, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "broker_url", f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setitem(celery_app.conf, "broker_transport", None)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"broker: OperationalError\n")


# requirements.txt alone ------------------------------------------------------

def test_requirements_alone_run_the_app_worker_and_beat():
    result = subprocess.run(["scripts/check-runtime"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Runtime check: requirements.txt alone runs the app, the worker and beat (disk broker and Redis).")


def test_the_runtime_check_fails_when_a_runtime_import_is_missing(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("".join(line for line in (ROOT / "requirements.txt").read_text().splitlines(True)
                                    if not line.startswith("packaging==")))
    result = subprocess.run(["scripts/check-runtime", str(requirements), str(tmp_path / "venv")], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'packaging'" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"FAILED: the Celery app with redis://127.0.0.1:6379/0 does not load from {requirements} alone")


# make serve and the systemd units ------------------------------------------------

@pytest.fixture
def stack(tmp_path):
    """Processes started by a test, stopped after it."""
    started = []

    def run(command: list[str], log_name: str, environment: dict) -> tuple:
        log = tmp_path / log_name
        process = start(command, environment, log)
        started.append(process)
        return process, log

    yield run
    for process in started:
        stop(process)


def test_make_serve_runs_the_production_stack(tmp_path, stack):
    port = free_port()
    environment = production_environment(tmp_path / "var", port)
    for variable in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):  # when the suite itself runs under make
        environment.pop(variable, None)
    serve, log = stack(["make", "--no-print-directory", "serve"], "serve.log", environment)
    assert_serves_the_site(f"http://127.0.0.1:{port}", log, serve)
    wait_for(lambda: " ready." in log.read_text(), 60, "the worker is ready", log, serve)
    wait_for(lambda: "beat: Starting..." in log.read_text(), 60, "beat starts", log, serve)
    assert serve.poll() is None
    assert stop(serve) is not None  # TERM stops all three within the timeout


def test_the_systemd_units_start_the_stack_with_their_own_commands(tmp_path, stack):
    port = free_port()
    environment = production_environment(tmp_path / "var", port)
    assert unit_command("thidua-web.service") == [str(ROOT / "scripts/serve"), "web"]
    release = subprocess.run([str(ROOT / "scripts/serve"), "release"], cwd=ROOT, env=environment,
                             capture_output=True, text=True, timeout=300)
    assert release.returncode == 0, release.stdout + release.stderr
    worker, worker_log = stack(unit_command("thidua-worker.service"), "worker.log", environment)
    beat, beat_log = stack(unit_command("thidua-beat.service"), "beat.log", environment)
    web, web_log = stack(unit_command("thidua-web.service"), "web.log", environment)
    assert_serves_the_site(f"http://127.0.0.1:{port}", web_log, web)
    wait_for(lambda: " ready." in worker_log.read_text(), 60, "the worker is ready", worker_log, worker)
    wait_for(lambda: "beat: Starting..." in beat_log.read_text(), 60, "beat starts", beat_log, beat)
    # A task sent the way the web process sends them reaches the worker.
    sent = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                           "from campaigns.tasks import reminders_sweep; reminders_sweep.delay()"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stderr
    wait_for(lambda: re.search(r"Task campaigns\.tasks\.reminders_sweep\[[-0-9a-f]+\] succeeded in [0-9.]+s: "
                               r"\{'reminders': 0, 'summaries': 0, 'emails': 0\}", worker_log.read_text()),
             60, "the worker runs the sweep", worker_log, worker)
    assert [worker.poll(), beat.poll(), web.poll()] == [None, None, None]


def test_the_web_process_refuses_to_start_without_static_files(tmp_path):
    environment = production_environment(tmp_path / "var", free_port())
    result = subprocess.run(unit_command("thidua-web.service"), cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 3
    assert (f"Not starting: static files: no manifest in {tmp_path / 'var' / 'staticfiles'}: "
            "run `manage.py collectstatic` (scripts/serve release)") in result.stderr


def test_the_example_environment_names_every_variable_the_code_reads():
    sources = [*ROOT.glob("emulation/**/*.py"), *ROOT.glob("campaigns/**/*.py"), *ROOT.glob("awards/**/*.py"),
               DEPLOY / "gunicorn.conf.py", ROOT / "scripts/serve"]
    pattern = re.compile(r'environ(?:\.get)?[(\[]"([A-Z][A-Z0-9_]+)"|env_(?:bool|list)\("([A-Z][A-Z0-9_]+)"'
                         r'|\$\{([A-Z][A-Z0-9_]+):-')
    sources.remove(ROOT / "emulation/settings_test.py")  # the test suite's own settings, never deployed
    read = {name for path in sources for match in pattern.finditer(path.read_text()) for name in match.groups()
            if name}
    documented = set(example_environment()) | set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=",
                                                             (DEPLOY / "thidua.env.example").read_text(), re.M))
    # Set by scripts/serve itself, or only for a one-off command.
    assert sorted(read - documented) == ["DEBUG", "DJANGO_SETTINGS_MODULE"]
