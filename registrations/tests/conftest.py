"""Registrations tests run on 10 June 2020, 10:42 in Tuyên Quang (inside the 2020 campaign)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

NOW = dt.datetime(2020, 6, 10, 10, 42, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _default_fields(db):
    from registrations.testing import ensure_default_fields

    ensure_default_fields()


@pytest.fixture(autouse=True)
def _june_2020():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def make(world):
    """make(unit="076", kind="task", person="canbo", status="submitted", ...) through the services."""
    from accounts.models import User
    from registrations.testing import make_registration

    def build(unit="076", kind="task", person="canbo", **kwargs):
        if kind != "task":
            person = None
        elif isinstance(person, str):
            person = world.users.get(person) or User.objects.get(username=person)
        return make_registration(unit=world.units[unit], kind=kind, person=person, **kwargs)

    return build


@pytest.fixture
def cadre(world):
    """cadre("02545", "hoa") → a new active cadre account of that unit."""
    from accounts.models import Membership, User
    from core.roles import Role

    def build(code, username):
        user = User.objects.create(username=username, full_name=f"Cán bộ {username}", email=f"{username}@example.vn")
        Membership.objects.create(user=user, unit=world.units[code], role=Role.CADRE)
        return user

    return build
