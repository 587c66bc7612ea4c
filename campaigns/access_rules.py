from danvan.access import rule

rule("campaigns:units", default=302, canbo=403)
rule(
    "campaigns:unit_detail",
    kwargs=lambda w: {"code": "076"},
    default=200,
    nahang=404,
    tantrao=404,
    canbo=403,
)
