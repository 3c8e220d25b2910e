import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k3Y-for-the-deploy-check_" + "x7Qz9LmP2vR8sT4wN6yB1cD5fG0hJ3" * 2,
        "ALLOWED_HOSTS": "thidua.example.gov.vn",
        "SITE_URL": "https://thidua.example.gov.vn",
        "SIGNING_SECRET": "s1gning-secret-for-the-deploy-check_" + "Hq4Wz8" * 6,
        "THIDUA_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # axes.W006 (lockout not per address) is silenced on purpose, see AXES_LOCKOUT_PARAMETERS.
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "false", "SECRET_KEY": "",
           "THIDUA_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr
