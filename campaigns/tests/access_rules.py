from core.matrix import rule

# --- Plans (issue 3) ------------------------------------------------------------------------------
# Objects belong to Huyện Sơn Dương (or are the province's seed plan): nahang is the outsider.
# A plan is seen by its unit's subtree (drafts too) and, once issued, by the units below it; a cadre
# sees only the issued plans of their own committee; only the committee itself writes and issues it.
# POST rules use states in which the action is refused or harmless, so each persona's outcome does
# not depend on who went before (issue: a draft without a signer; delete: an issued plan).


def _pf():
    from plans.tests import factories as plan_factories

    return plan_factories


def _sd_activity(w):
    return {"pk": _pf().sonduong_activity(w).pk}


def _campaign(w):
    return {"pk": w.campaign.pk}


def _commemoration(w):
    _pf().province_plan(w)
    from campaigns.models import Commemoration

    return {"pk": Commemoration.objects.order_by("id").first().pk}


rule("campaigns:commemoration_list", default=200)
rule("campaigns:commemoration_detail", kwargs=_commemoration, default=200)
rule(
    "campaigns:activity_edit",
    kwargs=_sd_activity,
    tinh=200,
    sonduong=200,
    tuyengiao=403,
    quansat=403,
    nahang=404,
    tantrao=404,
    canbo=403,
)
rule("campaigns:campaign_list", default=200)
# Opening a campaign year: provincial staff only (the POST of an existing year is refused, so the world does not change).
rule("campaigns:campaign_open", default=403, tinh=200)
rule("campaigns:campaign_detail", kwargs=_campaign, default=200)
rule("campaigns:campaign_edit", kwargs=_campaign, default=403, tinh=200)
