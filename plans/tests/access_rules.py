from core.matrix import rule

# --- Plans (issue 3) ------------------------------------------------------------------------------
# Objects belong to Huyện Sơn Dương (or are the province's seed plan): nahang is the outsider.
# A plan is seen by its unit's subtree (drafts too) and, once issued, by the units below it; a cadre
# sees only the issued plans of their own committee; only the committee itself writes and issues it.
# POST rules use states in which the action is refused or harmless, so each persona's outcome does
# not depend on who went before (issue: a draft without a signer; delete: an issued plan).


def _pf():
    from plans.tests import factories

    return factories


def _province_plan(w):
    return {"pk": _pf().province_plan(w).pk}


def _sd_draft(w):
    return {"pk": _pf().sonduong_draft(w).pk}


def _sd_issued(w):
    return {"pk": _pf().sonduong_issued(w).pk}


def _sd_draft_section(w):
    return {"pk": _pf().sonduong_draft(w).sections.order_by("id").first().pk}


def _sd_issued_section(w):
    return {"pk": _pf().sonduong_issued(w).sections.order_by("id").first().pk}


def _sd_draft_task(w):
    return {"pk": _pf().sonduong_draft(w).tasks.order_by("id").first().pk}


def _sd_issued_task(w):
    return {"pk": _pf().sonduong_issued(w).tasks.order_by("id").first().pk}


def _sd_assignment(w):
    return {"pk": _pf().sonduong_assignment(w).pk}


def _sd_notice(w):
    return {"pk": _pf().sonduong_notice(w).pk}


def _sd_inspection(w):
    return {"pk": _pf().sonduong_inspection(w).pk}


def _inspection_follow_up_data(w):
    inspection = _pf().sonduong_inspection(w)
    inspection.refresh_from_db()
    return {"version": inspection.version, "follow_up_status": "in_progress", "follow_up_note": "Đang thực hiện."}  # vi-only


MANAGERS_200 = {"tinh": 200, "sonduong": 200, "nahang": 200, "tantrao": 200}
FOLLOWERS_200 = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "nahang": 200, "tantrao": 200, "quansat": 200}
# Sơn Dương's draft: only its officers write it; the levels above read it; outsiders and the
# commune below (a draft is not sent down) get 404, like the cadre (drafts are not for cadres).
SD_DRAFT_EDIT = {"sonduong": 200, "tinh": 403, "tuyengiao": 403, "quansat": 403, "nahang": 404, "tantrao": 404, "canbo": 404}
# Sơn Dương's issued plan: the commune below and the cadre read it, only its officers act.
SD_ISSUED_ACT = {"sonduong": 302, "tinh": 403, "tuyengiao": 403, "quansat": 403, "nahang": 404, "tantrao": 403, "canbo": 403}
# Following Sơn Dương (cascade, history): its subtree's upper side, not the commune, not the cadre.
SD_FOLLOW = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "quansat": 200, "nahang": 404, "tantrao": 403, "canbo": 403}
# Records about Sơn Dương's tasks (assignments, urgings, inspections): not for cadres, not below.
SD_RECORD = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "quansat": 200, "nahang": 404, "tantrao": 404, "canbo": 403}

rule("plans:plan_list", default=200)
rule("plans:plan_create", default=403, **MANAGERS_200)
rule("plans:plan_detail", kwargs=_sd_issued, default=200, nahang=404)
rule("plans:plan_edit", kwargs=_sd_draft, **SD_DRAFT_EDIT)
rule(
    "plans:plan_issue",
    kwargs=_sd_draft,
    method="POST",
    data=lambda w: {"version": 1},
    **{**SD_DRAFT_EDIT, "sonduong": 302},
    note="the draft has no signer: issuing is refused with a message (302)",
)
rule("plans:plan_amend", kwargs=_sd_issued, method="POST", **SD_ISSUED_ACT)
rule(
    "plans:plan_delete",
    kwargs=_sd_issued,
    method="POST",
    **SD_ISSUED_ACT,
    note="an issued plan is not deleted (302 with a message)",
)
# Deriving from the province plan: officers of a district (a unit directly below the province).
rule(
    "plans:plan_derive",
    kwargs=_province_plan,
    method="POST",
    tinh=403,
    tuyengiao=403,
    sonduong=302,
    nahang=302,
    tantrao=403,
    canbo=404,
    quansat=403,
)
rule("plans:plan_cascade", kwargs=_sd_issued, **SD_FOLLOW)
rule("plans:plan_history", kwargs=_sd_issued, **SD_FOLLOW)
rule("plans:plan_diff", kwargs=_sd_issued, default=200, nahang=404, canbo=403, note="the cadre does not see the province plan")
rule("plans:plan_pdf", kwargs=_sd_issued, method="POST", default=302, nahang=404)
rule("plans:section_add", kwargs=_sd_draft, **SD_DRAFT_EDIT)
rule("plans:section_edit", kwargs=_sd_draft_section, **SD_DRAFT_EDIT)
rule("plans:section_delete", kwargs=_sd_issued_section, method="POST", **SD_ISSUED_ACT, note="locked: refused with a message")
rule("plans:task_add", kwargs=_sd_draft, **SD_DRAFT_EDIT)
rule("plans:task_edit", kwargs=_sd_draft_task, **SD_DRAFT_EDIT)
rule("plans:task_delete", kwargs=_sd_issued_task, method="POST", **SD_ISSUED_ACT, note="locked: refused with a message")
rule("plans:my_tasks", default=403, **MANAGERS_200)
rule("plans:assignment_detail", kwargs=_sd_assignment, **SD_RECORD)
rule(
    "plans:assignment_update",
    kwargs=_sd_assignment,
    method="POST",
    data=lambda w: {"status": "in_progress", "text": "Đang thực hiện."},  # vi-only
    **{**SD_RECORD, "sonduong": 302, "tinh": 403, "tuyengiao": 403, "quansat": 403},
)
rule("plans:followup", default=403, **FOLLOWERS_200)
rule("plans:urging_list", default=403, **FOLLOWERS_200)
rule("plans:urging_detail", kwargs=_sd_notice, **SD_RECORD)
rule(
    "plans:urging_pdf",
    kwargs=_sd_notice,
    method="POST",
    **{**SD_RECORD, "tinh": 302, "tuyengiao": 302, "sonduong": 302, "quansat": 302},
)
rule("plans:inspection_list", default=403, **FOLLOWERS_200)
rule("plans:inspection_create", default=403, tinh=200, sonduong=200, nahang=200, note="tantrao has no lower units to inspect")
rule("plans:inspection_detail", kwargs=_sd_inspection, **SD_RECORD)
rule("plans:inspection_edit", kwargs=_sd_inspection, **{**SD_RECORD, "sonduong": 403, "tuyengiao": 403, "quansat": 403})
rule(
    "plans:inspection_follow_up",
    kwargs=_sd_inspection,
    method="POST",
    data=_inspection_follow_up_data,
    **{**SD_RECORD, "tinh": 302, "sonduong": 302, "tuyengiao": 403, "quansat": 403},
)
