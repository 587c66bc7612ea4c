"""Idle sessions end after SESSION_COOKIE_AGE; the expiry is pushed forward at most every
SESSION_REFRESH_SECONDS rather than written on every page."""

import datetime as dt

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

START = dt.datetime(2020, 6, 8, 8, 0, tzinfo=dt.UTC)


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_page_within_minutes_writes_no_session_and_a_later_one_extends_it(world, client):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(world.users["sonduong"])
        assert client.get("/").status_code == 200
        first = _expiry(client)
        clock.shift(dt.timedelta(minutes=2))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        assert not any("django_session" in q["sql"] and q["sql"].startswith("UPDATE") for q in queries.captured_queries)
        assert _expiry(client) == first
        clock.shift(dt.timedelta(seconds=settings.SESSION_REFRESH_SECONDS))
        client.get("/")
        assert _expiry(client) == timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_a_session_idle_longer_than_the_limit_is_signed_out(world, client):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(world.users["sonduong"])
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        response = client.get("/dang-ky/")
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_an_anonymous_visitor_gets_no_session_cookie(db, client):
    response = client.get("/tin-tuc/")
    assert response.status_code == 200 and settings.SESSION_COOKIE_NAME not in response.cookies
