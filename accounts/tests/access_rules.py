from accounts.tests.factories import waiting_membership
from core.matrix import LOGIN, rule

MANAGERS = {"tinh": 200, "sonduong": 200, "nahang": 200, "tantrao": 200}


def _canbo(world):
    return {"pk": world.users["canbo"].pk}


def _canbo_membership(world):
    return {"pk": world.users["canbo"].memberships.get().pk}


rule("accounts:login", anonymous=200, default=302)
rule("accounts:logout", method="POST", anonymous=LOGIN, default=LOGIN)
rule("accounts:profile", default=200)
rule("accounts:password_change", default=200)
rule("accounts:password_change_done", default=200)
rule("accounts:password_reset", anonymous=200, default=200)
rule("accounts:password_reset_done", anonymous=200, default=200)
rule(
    "accounts:password_reset_confirm",
    kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"},
    anonymous=200,
    default=200,
    note="an invalid link shows the 'link no longer valid' page",
)
rule("accounts:password_reset_complete", anonymous=200, default=200)
rule("accounts:people", default=403, **MANAGERS)
rule("accounts:person_create", default=403, **MANAGERS)
rule("accounts:cadres_import", default=403, **MANAGERS)
rule("accounts:cadres_import_template", default=403, **MANAGERS)
# canbo belongs to Huyện Sơn Dương: Na Hang and Tân Trào (a commune below) do not see them.
rule("accounts:person_detail", kwargs=_canbo, default=403, tinh=200, sonduong=200, nahang=404, tantrao=404)
rule(
    "accounts:membership_toggle",
    kwargs=_canbo_membership,
    method="POST",
    data=lambda w: {"active": "1"},
    default=403,
    tinh=302,
    sonduong=302,
    nahang=404,
    tantrao=404,
)

# The reform page: provincial staff only. The world is the 2020 map; the rules add one person still
# holding a role at a closed commune of Sơn Dương (what a 2025 import leaves behind).
STAFF_ONLY = {"default": 403, "tinh": 200}


def _waiting(world):
    return {"pk": waiting_membership(world).pk}


def _move_to_tan_trao(world):
    membership = waiting_membership(world)
    return {"to_unit": world.units["02545"].pk, "from_unit": membership.unit_id}


def _from_unit(world):
    return {"from_unit": waiting_membership(world).unit_id}


rule("accounts:reform", **STAFF_ONLY)
rule("accounts:reform_move_all", method="POST", default=403, tinh=302, note="nothing to confirm: a message, back to the list")
rule("accounts:reform_choose", kwargs=_waiting, **STAFF_ONLY)
rule("accounts:reform_move", kwargs=_waiting, method="POST", data=_move_to_tan_trao, default=403, tinh=302)
rule("accounts:reform_end", kwargs=_waiting, method="POST", data=_from_unit, default=403, tinh=302)
