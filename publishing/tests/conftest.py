"""Publishing tests run on 10 June 2020, 10:42 in Tuyên Quang (inside the 2020 campaign); `make` builds the
registrations that exemplars, articles and the public models page refer to."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

NOW = dt.datetime(2020, 6, 10, 10, 42, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


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
