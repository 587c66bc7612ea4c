from core.matrix import rule

rule("units:units", default=302, canbo=403)
rule(
    "units:unit_detail",
    kwargs=lambda w: {"code": "076"},
    default=200,
    nahang=404,
    tantrao=404,
    canbo=403,
)


# --- Plans (issue 3) ------------------------------------------------------------------------------
# Objects belong to Huyện Sơn Dương (or are the province's seed plan): nahang is the outsider.
# A plan is seen by its unit's subtree (drafts too) and, once issued, by the units below it; a cadre
# sees only the issued plans of their own committee; only the committee itself writes and issues it.
# POST rules use states in which the action is refused or harmless, so each persona's outcome does
# not depend on who went before (issue: a draft without a signer; delete: an issued plan).
