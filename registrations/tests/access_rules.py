"""What each persona gets from each registrations URL (checked by tests/test_access_matrix.py).

Objects belong to Huyện Sơn Dương (076): `nahang` is the outsider, and so is `tantrao` (a commune
below it does not see the district's own records). `canbo` is a cadre of Sơn Dương: she sees her
own tasks only. Approval of a cadre's task is for the district's officer (`sonduong`); a unit's
registration is approved by the level above (`tinh` for the district).
"""

from core.matrix import rule

S = "registrations"
ALL = {"default": 200}
MANAGERS = {"default": 403, "tinh": 200, "sonduong": 200, "nahang": 200, "tantrao": 200}


def _task(status):
    def build(world):
        from registrations.tests.factories import make_registration

        r = make_registration(unit=world.units["076"], kind="task", person=world.users["canbo"], status=status)
        return {"pk": r.pk}

    return build


def _content(status):
    def build(world):
        from registrations.tests.factories import make_registration

        title = "Nội dung Dân vận khéo của huyện"  # vi-only
        r = make_registration(unit=world.units["076"], kind="content", status=status, title=title)
        return {"pk": r.pk}

    return build


def _field(world):
    from registrations.models import Field
    from registrations.services.fields import fields_ensure_defaults

    fields_ensure_defaults(world.campaign)
    return {"pk": Field.objects.filter(campaign=world.campaign).order_by("position").first().pk}


# The cadre's task as others see it: the district and the province read it; the commune below and
# the other district do not learn it exists.
TASK_READERS = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "nahang": 404, "tantrao": 404, "canbo": 200, "quansat": 200}
# Only the cadre acts on her own task; insiders who read it get 403.
TASK_OWNER_ACTION = {"tinh": 403, "tuyengiao": 403, "sonduong": 403, "nahang": 404, "tantrao": 404, "canbo": 302, "quansat": 403}
# The district's own registration: it and the province change it; readers get 403; the cadre does not see it.
UNIT_OWNER = {"tinh": 200, "tuyengiao": 403, "sonduong": 200, "nahang": 404, "tantrao": 404, "canbo": 404, "quansat": 403}

rule(f"{S}:list", **ALL)
rule(f"{S}:export_xlsx", **ALL)
rule(f"{S}:export_csv", **ALL)
rule(f"{S}:create", default=200, tuyengiao=403, quansat=403, note="cadres register a task, officers a unit's content")
rule(
    f"{S}:autosave",
    method="POST",
    data=lambda w: {"title": ""},
    default=200,
    tuyengiao=403,
    quansat=403,
    note="an empty title saves nothing and answers with a hint",
)
rule(f"{S}:import", **MANAGERS)
rule(f"{S}:import_template", **MANAGERS)
rule(f"{S}:statistics", default=200, canbo=403)
rule(f"{S}:fields", default=403, tinh=200)
rule(f"{S}:field_create", default=403, tinh=200)
rule(f"{S}:field_edit", kwargs=_field, default=403, tinh=200)

rule(f"{S}:detail", kwargs=_task("submitted"), **TASK_READERS)
rule(f"{S}:edit", kwargs=_content("draft"), **UNIT_OWNER)
rule(f"{S}:autosave_edit", kwargs=_content("draft"), method="POST", data=lambda w: {"title": ""}, **UNIT_OWNER)
rule(
    f"{S}:delete",
    kwargs=_content("draft"),
    method="POST",
    data=lambda w: {},
    **{**UNIT_OWNER, "tinh": 302, "sonduong": 302},
    note="without the confirmation field nothing is deleted (the owner is sent back to the page)",
)
rule(
    f"{S}:submit",
    kwargs=_content("draft"),
    method="POST",
    **{**UNIT_OWNER, "tinh": 302, "sonduong": 302},
    note="tinh submits; sonduong then finds it already submitted",
)
rule(
    f"{S}:approve",
    kwargs=_task("submitted"),
    method="POST",
    tinh=403, tuyengiao=403, sonduong=302, nahang=404, tantrao=404, canbo=403, quansat=403,
    note="a cadre's task is approved by an officer of the cadre's own unit",
)  # fmt: skip
rule(
    f"{S}:return",
    kwargs=_content("submitted"),
    method="POST",
    data=lambda w: {"reason": "Cần bổ sung chỉ tiêu cụ thể."},  # vi-only
    tinh=302, tuyengiao=403, sonduong=403, nahang=404, tantrao=404, canbo=404, quansat=403,
    note="a unit's registration is decided by the level above",
)  # fmt: skip
rule(f"{S}:start", kwargs=_task("approved"), method="POST", **TASK_OWNER_ACTION)
rule(f"{S}:progress_add", kwargs=_task("approved"), **{**TASK_OWNER_ACTION, "canbo": 200})
rule(f"{S}:complete", kwargs=_task("in_progress"), method="POST", **TASK_OWNER_ACTION)
rule(
    f"{S}:evaluate",
    kwargs=_task("completed"),
    method="POST",
    data=lambda w: {"rating": "good", "comment": "Thực hiện tốt, đúng tiến độ."},  # vi-only
    tinh=403, tuyengiao=403, sonduong=302, nahang=404, tantrao=404, canbo=403, quansat=403,
)  # fmt: skip


# Exemplars, articles and public pages ----------------------------------------------------------
# Objects belong to Huyện Sơn Dương (076), written or nominated by its officer `sonduong`:
# `nahang` (another district), `tantrao` (a commune below) and `canbo` (a cadre) do not see them.
# Provincial staff (`tinh`) decide on exemplars and publish articles; the jury's list is for
# `tinh` and the reviewer `tuyengiao`. Public pages answer everyone, signed in or not.
