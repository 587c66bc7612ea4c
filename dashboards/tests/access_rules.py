"""Who gets what from the dashboard URLs. The unit is Huyện Sơn Dương (076): nahang (another
district) and tantrao (a commune below it) are outsiders (404); canbo, a cadre of Sơn Dương,
gets 403 (cadres follow their own tasks on the registrations pages)."""

from core.matrix import rule

FOLLOWERS = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "quansat": 200, "nahang": 404, "tantrao": 404, "canbo": 403}


def _unit(world):
    return {"code": "076"}


rule("dashboards:overview", default=200, canbo=403)
rule("dashboards:unit", kwargs=_unit, **FOLLOWERS)
rule("dashboards:print", kwargs=_unit, **FOLLOWERS)
rule("dashboards:csv", kwargs=_unit, **FOLLOWERS)
