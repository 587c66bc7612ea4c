"""Fixtures shared by every test: the demo world (Tuyên Quang 2020 units, the campaign, one
account per role) and signed-in clients for each persona.

Personas (usernames of the demo accounts):
  tinh (provincial staff), tuyengiao (reviewer), sonduong (officer, Huyện Sơn Dương),
  nahang (officer, Huyện Na Hang), tantrao (officer, Xã Tân Trào, inside Sơn Dương),
  canbo (cadre of Sơn Dương), quansat (observer, province).
"""

import os

import pytest

# Playwright runs its own event loop in the test thread; the live server's ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PERSONAS = ["tinh", "tuyengiao", "sonduong", "nahang", "tantrao", "canbo", "quansat"]


@pytest.fixture
def world(db):
    """The demo's foundation: units, departments, movements, the 2020 campaign, the accounts."""
    from accounts import demo as accounts_demo
    from campaigns import demo as campaigns_demo
    from core.management.commands.seed_demo import DemoContext
    from units import demo as units_demo

    ctx = DemoContext()
    units_demo.load(ctx)
    campaigns_demo.load(ctx)
    accounts_demo.load(ctx)
    return ctx


@pytest.fixture
def client_for(world, client):
    """client_for("sonduong") → a Django test client signed in as that demo account."""
    from django.test import Client

    clients = {}

    def make(username):
        if username is None:
            return Client()
        if username not in clients:
            c = Client()
            c.force_login(world.users[username])
            clients[username] = c
        return clients[username]

    return make


@pytest.fixture
def unit(world):
    """unit("076") → the open unit with that code."""
    return lambda code: world.units[code]


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts in the portal's language (Vietnamese). A request made in English through
    the test client leaves English active in that process, so a later test in the same worker
    would otherwise see English messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, so ids and
    dashboard revisions repeat, and a page cached by one test must not answer the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media_root():
    """Each test session stores uploads under a fresh temporary MEDIA_ROOT; remove it afterwards."""
    yield
    import shutil

    from django.conf import settings

    if "danvan-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def celery_broker_mode():
    """`with celery_broker_mode():` tasks go through a broker instead of running in-process; with
    apply_async patched to fail, that is how a test sees Redis being down."""
    import contextlib

    from danvan.celery import app

    @contextlib.contextmanager
    def broker_mode():
        previous = app.conf.task_always_eager
        app.conf.task_always_eager = False
        try:
            yield app
        finally:
            app.conf.task_always_eager = previous

    return broker_mode
