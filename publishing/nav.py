from django.utils.translation import gettext_lazy as _

from core import navigation

WRITERS = ("province_staff", "reviewer", "officer", "observer")
navigation.register(
    _("Gương điển hình"), "exemplars:list", roles=WRITERS, order=40, active_prefixes=("/guong-dien-hinh/",), group="publishing"
)
navigation.register(_("Tin, bài"), "articles:list", roles=WRITERS, order=45, active_prefixes=("/bai-viet/",), group="publishing")
navigation.register(
    _("Trang tin công khai"), "public:home", roles=("*",), order=95, active_prefixes=("/tin-tuc/",), group="publishing"
)
