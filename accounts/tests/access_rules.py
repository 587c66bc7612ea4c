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
