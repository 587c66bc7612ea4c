"""Declared access rules, one per named URL, checked by tests/test_access_matrix.py.

Every app declares, in `<app>/tests/access_rules.py`, what each persona gets from each of its URLs:
200, 302, 403, 404, 405 or LOGIN (a redirect to the login page). The matrix test walks the URL
configuration: a named URL without a rule fails the suite, so a new view cannot ship undeclared.

`kwargs(world)` builds the URL arguments from the test world (it may create objects, which
should belong to Huyện Sơn Dương so that `nahang` is the outsider). For POST endpoints,
`data(world)` gives the form data (the matrix checks who may act; the view tests check what the
action does).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN = "login"
PERSONAS = ("tinh", "tuyengiao", "sonduong", "nahang", "tantrao", "canbo", "quansat")


@dataclass
class Rule:
    url_name: str
    expect: dict
    kwargs: Callable | None = None
    method: str = "GET"
    data: Callable | None = None
    query: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)


RULES: dict[str, Rule] = {}


def rule(url_name: str, *, kwargs=None, method="GET", data=None, query="", note="", anonymous=LOGIN, default=None, **expect):
    """Declare what each persona gets. Personas not named get `default` (which must then be set)."""
    unknown = set(expect) - set(PERSONAS)
    if unknown:
        raise ValueError(f"{url_name}: unknown personas {unknown}")
    full = {"anonymous": anonymous}
    for persona in PERSONAS:
        if persona in expect:
            full[persona] = expect[persona]
        elif default is not None:
            full[persona] = default
        else:
            raise ValueError(f"{url_name}: no expectation for {persona} (give it or a default)")
    if url_name in RULES:
        raise ValueError(f"{url_name}: rule declared twice")
    RULES[url_name] = Rule(url_name, full, kwargs, method, data, query, note)
    return RULES[url_name]


def load_all_rules() -> dict[str, Rule]:
    import importlib
    import importlib.util

    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{config.name}.tests.access_rules"
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # the app has no tests package
            found = False
        if found:
            importlib.import_module(name)
    return RULES
