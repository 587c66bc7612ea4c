from django.utils.translation import pgettext_lazy

from core import navigation

# One item: the statistics and the list of fields are tabs of the registrations pages.
navigation.register(
    pgettext_lazy("navigation", "Đăng ký"), "registrations:list", roles=("*",), order=30, active_prefixes=("/dang-ky/",)
)
