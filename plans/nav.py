from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import navigation

# The plans, and the follow-up of lower units (urging, inspections).
FOLLOWUP_PREFIXES = ("/ke-hoach/theo-doi/", "/ke-hoach/don-doc/", "/ke-hoach/kiem-tra/")
navigation.register(
    pgettext_lazy("navigation", "Kế hoạch"),
    "plans:plan_list",
    order=20,
    active_prefixes=("/ke-hoach/",),
    exclude_prefixes=FOLLOWUP_PREFIXES,
)
navigation.register(
    _("Theo dõi, đôn đốc"),
    "plans:followup",
    roles=("province_staff", "reviewer", "officer", "observer"),
    order=25,
    active_prefixes=FOLLOWUP_PREFIXES,
)
