"""The kinds of notification. Apps register theirs (code → Vietnamese label) in their ready();
preferences (e-mail on or off per kind) are keyed by these codes."""

from django.utils.translation import gettext_lazy as _

_KINDS: dict[str, str] = {}


def register(code: str, label: str) -> None:
    _KINDS[code] = label


def label(code: str) -> str:
    return _KINDS.get(code, code)


def all_kinds() -> dict[str, str]:
    return dict(_KINDS)


register("general", _("Thông báo chung"))
register("deadline_reminder", _("Nhắc hạn: báo cáo, nhiệm vụ sắp đến hạn"))
register("deadline_overdue", _("Quá hạn: báo cáo, nhiệm vụ của đơn vị mình"))
register("deadline_overdue_below", _("Quá hạn: đơn vị cấp dưới chưa gửi báo cáo, chưa hoàn thành nhiệm vụ"))
