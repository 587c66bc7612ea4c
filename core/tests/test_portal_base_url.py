"""Links in e-mails use the address the portal is served on: PORTAL_BASE_URL (the environment)
reaches core.mail.absolute_url, and `make run` sets it from HOST and PORT for both of its processes
unless the person running it set it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.mail import absolute_url

ROOT = Path(__file__).resolve().parents[2]


def test_absolute_url_is_built_on_the_setting(settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8765/"
    assert absolute_url("/bao-cao/") == "http://127.0.0.1:8765/bao-cao/"


def test_the_environment_variable_reaches_absolute_url(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="danvan.settings.dev", DANVAN_VAR_DIR=str(tmp_path), PORTAL_BASE_URL="http://127.0.0.1:8765"
    )
    code = "import django; django.setup(); from core.mail import absolute_url; print(absolute_url('/tai-khoan/dang-nhap/'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8765/tai-khoan/dang-nhap/"


# --- what `make run` passes to its processes ---------------------------------------------------

FAKE_PYTHON = """#!/bin/sh
echo "$PORTAL_BASE_URL | $*" >> "$FAKE_LOG"
"""


def _make_run(tmp_path, *args, env_extra=None):
    """`make run` with a stand-in python that only records its arguments and PORTAL_BASE_URL."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    (bin_dir / ".installed").touch()  # newer than requirements.txt: nothing is installed
    log = tmp_path / "calls.log"
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_BASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env.update(FAKE_LOG=str(log), **(env_extra or {}))
    result = subprocess.run(
        ["make", "-s", "run", f"BIN={bin_dir}", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return sorted(log.read_text().splitlines())


def test_make_run_gives_both_processes_the_address_it_serves_on(tmp_path):
    calls = _make_run(tmp_path, "PORT=8765")
    assert "http://127.0.0.1:8765 | -m core.embedded" in calls
    assert "http://127.0.0.1:8765 | manage.py runserver 127.0.0.1:8765" in calls


def test_a_portal_base_url_set_by_the_user_is_kept(tmp_path):
    calls = _make_run(tmp_path, "PORT=8765", env_extra={"PORTAL_BASE_URL": "https://danvankheo.example.vn"})
    assert "https://danvankheo.example.vn | manage.py runserver 127.0.0.1:8765" in calls
    assert "https://danvankheo.example.vn | -m core.embedded" in calls


def test_make_run_can_leave_the_background_process_out(tmp_path):
    calls = _make_run(tmp_path, "EMBEDDED_WORKER=no")
    assert not any("core.embedded" in call for call in calls)
    assert "http://127.0.0.1:8000 | manage.py runserver 127.0.0.1:8000" in calls
