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
