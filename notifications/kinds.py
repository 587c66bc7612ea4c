"""The kinds of notification. Apps register theirs (code → Vietnamese label) in their ready();
preferences (e-mail on or off per kind) are keyed by these codes."""

_KINDS: dict[str, str] = {}


def register(code: str, label: str) -> None:
    _KINDS[code] = label


def label(code: str) -> str:
    return _KINDS.get(code, code)


def all_kinds() -> dict[str, str]:
    return dict(_KINDS)


register("general", "Thông báo chung")
