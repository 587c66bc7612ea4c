"""The scope rule, in one place: a membership sees its unit's subtree.

- Provincial staff, reviewers, officers and observers see the subtree of their committee (a
  membership in a department, e.g. Ban Tuyên giáo, counts for the committee it belongs to).
- Provincial staff and officers may change what belongs to units of that subtree (what exactly
  is decided by each object's workflow); reviewers act only on what is sent to them; observers
  change nothing.
- A cadre sees their own unit's name and their own records only.

Views never test roles ad hoc: they ask the Scope, or go through an access helper that asks it.
Outsiders get 404 (they must not learn the object exists); insiders without the right get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Membership
from core.roles import FOLLOWERS, MANAGERS, Role


@dataclass(frozen=True)
class Grant:
    membership_id: int
    role: str
    unit_id: int
    unit_path: str
    unit_level: str
    # The committee the grant works for: the unit itself, or the parent of a department.
    committee_id: int
    committee_path: str


class Scope:
    def __init__(self, user, grants: list[Grant], memberships: list[Membership] | None = None):
        self.user = user
        self.grants = grants
        self.memberships = memberships or []

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def for_user(cls, user) -> Scope:
        if not getattr(user, "is_authenticated", False):
            return cls(user, [])
        cached = getattr(user, "_danvan_scope", None)
        if cached is not None:
            return cached
        memberships = list(Membership.objects.active().filter(user=user).select_related("unit", "unit__parent").order_by("id"))
        grants = []
        for m in memberships:
            committee = m.unit.committee
            grants.append(Grant(m.id, m.role, m.unit_id, m.unit.path, m.unit.level, committee.id, committee.path))
        scope = cls(user, grants, memberships)
        user._danvan_scope = scope
        return scope

    # --- who ------------------------------------------------------------------------------
    @cached_property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_province_staff(self) -> bool:
        return Role.PROVINCE_STAFF in self.roles

    @property
    def is_reviewer(self) -> bool:
        return Role.REVIEWER in self.roles

    @property
    def is_cadre_only(self) -> bool:
        return bool(self.roles) and self.roles <= {Role.CADRE}

    @property
    def is_read_only(self) -> bool:
        """Nothing in this scope may change a unit's business."""
        return not self.roles.intersection(MANAGERS)

    @cached_property
    def primary(self) -> Membership | None:
        """The membership the home page is built for: the most senior one."""
        order = [Role.PROVINCE_STAFF, Role.REVIEWER, Role.OFFICER, Role.OBSERVER, Role.CADRE]
        if not self.memberships:
            return None
        return sorted(self.memberships, key=lambda m: (order.index(m.role), m.unit.depth, m.id))[0]

    @property
    def home_unit(self):
        primary = self.primary
        return primary.unit.committee if primary else None

    # --- seeing ---------------------------------------------------------------------------
    @cached_property
    def visible_paths(self) -> list[str]:
        """Roots of the subtrees this scope sees (redundant nested roots removed)."""
        paths = sorted({g.committee_path for g in self.grants if g.role in FOLLOWERS}, key=len)
        roots: list[str] = []
        for p in paths:
            if not any(p.startswith(r) for r in roots):
                roots.append(p)
        return roots

    @cached_property
    def staff_paths(self) -> list[str]:
        """Roots of the subtrees this scope is provincial staff for (redundant nested roots removed):
        where it may do what only provincial staff do, such as moving people after a map change."""
        paths = sorted({g.committee_path for g in self.grants if g.role == Role.PROVINCE_STAFF}, key=len)
        roots: list[str] = []
        for p in paths:
            if not any(p.startswith(r) for r in roots):
                roots.append(p)
        return roots

    def is_staff_for(self, unit) -> bool:
        """The unit lies in a subtree this scope is provincial staff for."""
        return any(unit.path.startswith(p) for p in self.staff_paths)

    def in_subtree(self, unit) -> bool:
        """The unit lies in a subtree this scope sees (a cadre's own committee does not count)."""
        return any(unit.path.startswith(p) for p in self.visible_paths)

    def sees_unit(self, unit) -> bool:
        return self.in_subtree(unit) or unit.id in self.cadre_committee_ids

    @cached_property
    def cadre_committee_ids(self) -> list[int]:
        """Committees this person belongs to as a cadre (they see their own records and its issued plans)."""
        return [g.committee_id for g in self.grants if g.role == Role.CADRE]

    def acted_committees(self) -> list:
        """Committees this person acts for (officers; provincial staff for the province)."""
        seen, units = set(), []
        for m in self.memberships:
            committee = m.unit.committee
            if m.role in MANAGERS and committee.pk not in seen:
                seen.add(committee.pk)
                units.append(committee)
        return units

    def units_q(self, prefix: str = "unit") -> Q:
        """A filter for objects whose unit (reached through `prefix`) lies in the visible subtrees."""
        field = f"{prefix}__path__startswith" if prefix else "path__startswith"
        q = Q(pk__in=[])
        for path in self.visible_paths:
            q |= Q(**{field: path})
        return q

    def visible_units(self):
        from units.models import Unit

        if not self.visible_paths:
            return Unit.objects.none()
        return Unit.objects.filter(self.units_q(prefix=""))

    # --- changing -------------------------------------------------------------------------
    def roles_over(self, unit) -> set[str]:
        """Roles of the grants whose subtree contains the unit."""
        return {g.role for g in self.grants if unit.path.startswith(g.committee_path)}

    def manages(self, unit) -> bool:
        """May work on the unit's business (provincial staff or an officer above or at it)."""
        return bool(self.roles_over(unit) & MANAGERS)

    def acts_for(self, unit) -> bool:
        """Is an officer (or provincial staff) of exactly this committee."""
        return any(g.role in MANAGERS and g.committee_id == unit.id for g in self.grants)

    def supervises(self, unit) -> bool:
        """Manages a unit strictly above this one (the level that approves, urges, inspects)."""
        return any(
            g.role in MANAGERS and unit.path.startswith(g.committee_path) and g.committee_id != unit.id for g in self.grants
        )

    def reviews_for(self, unit) -> bool:
        """Receives what the unit sends up: a reviewer or provincial staff above the unit."""
        return any(
            g.role in {Role.REVIEWER, Role.PROVINCE_STAFF}
            and unit.path.startswith(g.committee_path)
            and g.committee_id != unit.id
            for g in self.grants
        )

    def managed_units(self):
        """Units whose business this scope may change."""
        from units.models import Unit

        paths = sorted({g.committee_path for g in self.grants if g.role in MANAGERS}, key=len)
        q = Q(pk__in=[])
        for p in paths:
            q |= Q(path__startswith=p)
        return Unit.objects.filter(q)


def scope_of(request) -> Scope:
    return Scope.for_user(request.user)


def require_roles(request, *roles: str) -> None:
    """403 unless the user holds one of the roles somewhere."""
    if not scope_of(request).has_role(*roles):
        raise PermissionDenied(_("Chức năng này không dành cho vai trò của bạn."))
