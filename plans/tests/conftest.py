"""Fixtures of the plan tests: the province's seed plan (demo), a frozen day in 2020, scopes."""

import datetime as dt
import zoneinfo

import pytest

from plans.tests import factories

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def in_2020(time_machine):
    """15/6/2020, 9:00 in Tuyên Quang: the 10/6 report deadline and March tasks are overdue."""
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=True)
    return dt.date(2020, 6, 15)


@pytest.fixture
def province_plan(world, in_2020):
    return factories.province_plan(world)


@pytest.fixture
def scope_of(world):
    from accounts.scope import Scope

    def make(username):
        user = world.users[username]
        user._danvan_scope = None
        return Scope.for_user(user)

    return make


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """Files these tests upload or render stay in the test's own folder (not the session's)."""
    settings.MEDIA_ROOT = tmp_path / "media"
