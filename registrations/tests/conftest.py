"""Registrations tests run on 10 June 2020, 10:42 in Tuyên Quang (inside the 2020 campaign)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

NOW = dt.datetime(2020, 6, 10, 10, 42, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _default_fields(request, db):
    """Every campaign of the test has the starting fields (the world's 2020 one too)."""
    if "world" in request.fixturenames:
        request.getfixturevalue("world")
    from campaigns.models import Campaign
    from registrations.services.fields import fields_ensure_defaults

    for campaign in Campaign.objects.all():
        fields_ensure_defaults(campaign)


@pytest.fixture(autouse=True)
def _june_2020():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def make(world):
    """make(unit="076", kind="task", person="canbo", status="submitted", ...) through the services."""
    from accounts.models import User
    from registrations.tests.factories import make_registration

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
    from accounts.tests.factories import MembershipFactory
    from core.roles import Role

    def build(code, username):
        membership = MembershipFactory(
            unit=world.units[code], role=Role.CADRE, user__username=username, user__email=f"{username}@example.vn"
        )
        return membership.user

    return build
