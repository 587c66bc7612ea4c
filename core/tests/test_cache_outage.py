"""A Redis outage (issue 16, finding 6): with the production cache pointing at a Redis that does not
answer, the public site, the registration list and the dashboards still answer 200; the cache
degrades to "no cache" and says so once per outage."""

import importlib
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest
from django.core.cache import cache
from django.test import override_settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_caches(monkeypatch, redis_url: str) -> dict:
    """CACHES exactly as danvan.settings.prod builds it from the environment (imported afresh, with
    its base, then the modules the test run uses are put back)."""
    env = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "REDIS_URL": redis_url,
        "EMAIL_HOST": "smtp.example.vn",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import danvan.settings as package

    names = ("danvan.settings.base", "danvan.settings.prod")
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    try:
        prod = importlib.import_module("danvan.settings.prod")
        return prod.CACHES
    finally:
        for name in names:
            sys.modules.pop(name, None)
            attr = name.rsplit(".", 1)[1]
            if name in saved:
                sys.modules[name] = saved[name]
                setattr(package, attr, saved[name])
            elif hasattr(package, attr):
                delattr(package, attr)


@pytest.fixture
def dead_redis(monkeypatch):
    caches = production_caches(monkeypatch, f"redis://127.0.0.1:{_free_port()}/0")
    with override_settings(CACHES=caches):
        yield


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (None, "/tin-tuc/"),
        (None, "/tin-tuc/guong-dien-hinh/"),
        (None, "/tin-tuc/mo-hinh/"),
        ("sonduong", "/dang-ky/"),
        ("tinh", "/dang-ky/"),
        ("tinh", "/bang-dieu-khien/"),
        ("sonduong", "/bang-dieu-khien/"),
    ],
)
def test_pages_answer_200_while_redis_is_unreachable(world, client_for, dead_redis, who, path):
    client = client_for(who)
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # a second time: nothing half-stored breaks it


def test_the_outage_is_logged_once_and_pages_do_not_wait_on_it(world, client_for, dead_redis, caplog):
    caplog.set_level(logging.WARNING, logger="core.cache")
    started = time.monotonic()
    for _ in range(3):
        for path in ("/tin-tuc/", "/dang-ky/", "/bang-dieu-khien/"):
            assert client_for("tinh").get(path).status_code == 200
    elapsed = time.monotonic() - started
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1 and "unreachable" in warnings[0].getMessage()
    assert elapsed < 20


def test_every_operation_degrades_to_no_cache(dead_redis, monkeypatch):
    from core import cache as core_cache

    monkeypatch.setattr(core_cache, "RETRY_SECONDS", 0)  # ask the dead server every time
    assert cache.get("k") is None and cache.get("k", 7) == 7
    assert cache.set("k", 1) is None and cache.add("k", 1) is False
    assert cache.get_or_set("k", lambda: 42) == 42
    assert cache.get_many(["a", "b"]) == {} and cache.has_key("k") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("k") is False and cache.delete_many(["a"]) is None and cache.touch("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")
    assert core_cache.within_limit("limit-key", limit=1, window=60) is True


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_a_private_redis_stopped_then_restarted(monkeypatch, caplog):
    """The cache works, fails soft while Redis is stopped, and works again when it is back."""
    from core import cache as core_cache

    caplog.set_level(logging.WARNING, logger="core.cache")
    monkeypatch.setattr(core_cache, "RETRY_SECONDS", 0)
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="danvan-cache-test-")
    args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder]

    def start():
        server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return server
            except OSError:
                time.sleep(0.05)
        server.kill()
        pytest.skip("private redis-server did not start")

    server = start()
    try:
        with override_settings(CACHES=production_caches(monkeypatch, f"redis://127.0.0.1:{port}/0")):
            cache.set("k", "v", 60)
            assert cache.get("k") == "v"
            server.terminate()
            server.wait(10)
            assert cache.get("k", "none") == "none"
            cache.set("k", "w", 60)
            server = start()
            assert cache.get("k") is None  # a fresh server: empty, and answering
            cache.set("k", "x", 60)
            assert cache.get("k") == "x"
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    messages = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert len(messages) == 2 and "unreachable" in messages[0] and "answers again" in messages[1]


def test_production_and_redis_backed_development_use_the_resilient_cache(monkeypatch):
    assert production_caches(monkeypatch, "redis://127.0.0.1:6379/0")["default"]["BACKEND"] == "core.cache.ResilientRedisCache"
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "danvan.settings.dev", "REDIS_URL": "redis://127.0.0.1:6399/0"})
    from django.conf import settings

    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip() == "core.cache.ResilientRedisCache", out.stderr
