from django.utils.translation import gettext_lazy as _

from danvan import navigation

# One item: the statistics and the list of fields are tabs of the registrations pages.
navigation.register(_("Đăng ký"), "registrations:list", roles=("*",), order=30, active_prefixes=("/dang-ky/",))
