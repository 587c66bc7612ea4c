"""The scope rule for every role: what each persona sees and may change."""

import pytest

from accounts.scope import Scope
from units.models import Unit


@pytest.fixture
def scope_of(world):
    return lambda username: Scope.for_user(world.users[username])


def test_provincial_staff_sees_and_manages_the_whole_province(scope_of, unit):
    s = scope_of("tinh")
    assert s.visible_units().count() == Unit.objects.subtree(unit("08")).count()
    assert s.sees_unit(unit("072")) and s.sees_unit(unit("02545"))
    assert s.manages(unit("076")) and s.supervises(unit("076")) and s.acts_for(unit("08"))


def test_district_officer_sees_only_own_subtree(scope_of, unit):
    s = scope_of("sonduong")
    assert s.sees_unit(unit("076")) and s.sees_unit(unit("02545"))
    assert not s.sees_unit(unit("072")) and not s.sees_unit(unit("08"))
    assert s.visible_units().count() == 32
    assert s.manages(unit("02545")) and s.supervises(unit("02545")) and not s.supervises(unit("076"))
    assert not s.manages(unit("072"))


def test_commune_officer_sees_only_the_commune(scope_of, unit):
    s = scope_of("tantrao")
    assert s.sees_unit(unit("02545"))
    assert not s.sees_unit(unit("076")) and not s.sees_unit(unit("02536"))
    assert s.acts_for(unit("02545")) and not s.supervises(unit("02545"))


def test_reviewer_in_a_department_sees_the_committee_subtree_but_manages_nothing(scope_of, unit):
    s = scope_of("tuyengiao")
    assert s.sees_unit(unit("076")) and s.sees_unit(unit("072"))
    assert not s.manages(unit("076"))
    assert s.reviews_for(unit("076")) and not s.reviews_for(unit("08"))
    assert s.is_read_only


def test_observer_sees_everything_and_changes_nothing(scope_of, unit):
    s = scope_of("quansat")
    assert s.sees_unit(unit("072"))
    assert s.is_read_only and not s.manages(unit("072"))


def test_cadre_sees_own_unit_only_and_manages_nothing(scope_of, unit):
    s = scope_of("canbo")
    assert s.is_cadre_only
    assert s.sees_unit(unit("076")) and not s.sees_unit(unit("02545"))
    assert s.visible_units().count() == 0  # no subtree: only their own records
    assert not s.manages(unit("076"))


def test_anonymous_sees_nothing(db, unit):
    from django.contrib.auth.models import AnonymousUser

    s = Scope.for_user(AnonymousUser())
    assert not s.sees_unit(unit("08")) and s.visible_units().count() == 0


def test_inactive_membership_grants_nothing(world, unit):
    membership = world.users["nahang"].memberships.get()
    membership.is_active = False
    membership.save()
    user = type(world.users["nahang"]).objects.get(pk=world.users["nahang"].pk)
    assert not Scope.for_user(user).sees_unit(unit("072"))


def test_units_q_filters_objects_by_subtree(scope_of, unit):
    from accounts.models import Membership

    visible = Membership.objects.filter(scope_of("sonduong").units_q("unit"))
    assert set(visible.values_list("user__username", flat=True)) == {"sonduong", "tantrao", "canbo"}
