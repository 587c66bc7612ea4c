"""The settings modules: embedded default, environment switches, production strictness."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-secret",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/danvan_prod_check",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "danvan.example.vn",
    "EMAIL_HOST": "smtp.example.vn",
}


def _run(args, env_extra, settings_module):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_with_production_settings_prints_no_warning():
    result = _run(["check", "--deploy"], PROD_ENV, "danvan.settings.prod")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"])
def test_production_refuses_to_start_without_required_variable(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = _run(["check"], env, "danvan.settings.prod")
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_non_postgres_database_url():
    result = _run(["check"], {**PROD_ENV, "DATABASE_URL": "sqlite:///x.db"}, "danvan.settings.prod")
    assert result.returncode != 0
    assert "postgres" in result.stderr


def test_embedded_default_is_sqlite_with_eager_celery_and_file_mail():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.TIME_ZONE, s.LANGUAGE_CODE, s.USE_TZ)"
    )
    result = _run(["shell", "--no-imports", "-c", code], {}, "danvan.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
        "Asia/Ho_Chi_Minh",
        "vi",
        "True",
    ]


def test_database_url_and_redis_url_switch_the_embedded_default():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    result = _run(
        ["shell", "--no-imports", "-c", code],
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x", "REDIS_URL": "redis://127.0.0.1:6379/3"},
        "danvan.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "redis://127.0.0.1:6379/3"]


def test_seed_demo_refuses_production_settings():
    result = _run(["seed_demo"], PROD_ENV, "danvan.settings.prod")
    assert result.returncode != 0
    assert "production" in result.stderr


def test_pages_send_a_content_security_policy_without_inline_script(client):
    response = client.get("/tai-khoan/dang-nhap/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert b"<script>" not in response.content


def test_vietnamese_first_even_for_an_english_browser(client):
    response = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert 'lang="vi"' in response.content.decode()


def test_english_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/tai-khoan/dang-nhap/")
    assert response["Content-Language"] == "en"
    assert 'lang="en"' in response.content.decode()


def test_english_chrome_is_translated(client_for):
    client = client_for("sonduong")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Hello, Trần Minh Tuấn" in html and "Log out" in html and ">Units<" in html


def test_a_task_failing_in_process_is_logged_not_sent_to_the_outbox(world, caplog, django_capture_on_commit_callbacks):
    from celery import shared_task

    from core.models import OutboxItem
    from core.queue import enqueue

    @shared_task(name="danvan.tests.failing_task")
    def failing_task():
        raise ValueError("bug in the task")

    with django_capture_on_commit_callbacks(execute=True):
        enqueue(failing_task)
    assert not OutboxItem.objects.exists()
    assert "failed in-process" in caplog.text
