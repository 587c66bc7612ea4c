"""Accounts for tests: a user, and a user holding a role at a unit (the demo's personas come from
conftest.world; these are the extra people a test adds)."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, User
from core.roles import Role


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.LazyAttribute(lambda u: f"Cán bộ {u.username}")


class MembershipFactory(DjangoModelFactory):
    """MembershipFactory(unit=…, role=Role.OFFICER, user__username="canbo076") → the membership."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.CADRE


def closed_unit(*, code: str, name: str, parent, valid_to=None, level="commune", kind="commune"):
    """A unit of the old map that a map change closed (on 1 July 2025 unless told), under `parent`."""
    import datetime as dt

    from units.models import Unit

    return Unit.objects.create(
        code=code,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        path=f"{parent.path}{code}/",
        depth=parent.depth + 1,
        valid_to=valid_to or dt.date(2025, 7, 1),
    )


def waiting_membership(world, *, code: str = "09991", role=Role.CADRE, username: str = "cho.chuyen"):
    """A person still holding a role at a closed commune of Huyện Sơn Dương (made on first use)."""
    existing = Membership.objects.filter(unit__code=code, user__username=username).first()
    if existing is not None:
        return existing
    unit = closed_unit(code=code, name="Xã Đồng Quý", parent=world.units["076"])
    return MembershipFactory(unit=unit, role=role, user__username=username, user__full_name="Nguyễn Thị Chờ")
