"""Every named URL, requested as anonymous, as each role, and as an officer of another district,
gives the declared outcome (core/matrix.py). A URL without a declared rule fails here."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.matrix import LOGIN, PERSONAS, load_all_rules

SKIPPED_NAMESPACES = {"admin"}  # Django admin: its own staff-only login, tested by Django.


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _named_urls(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


ALL_URL_NAMES = sorted(set(_named_urls()))
RULES = load_all_rules()


def test_every_named_url_has_a_rule():
    missing = [name for name in ALL_URL_NAMES if name not in RULES]
    assert not missing, f"URLs without an access rule in <app>/tests/access_rules.py: {missing}"


def test_no_rule_for_a_url_that_does_not_exist():
    stale = [name for name in RULES if name not in ALL_URL_NAMES]
    assert not stale, f"access rules for URLs that no longer exist: {stale}"


def _outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse(settings.LOGIN_URL)):
            return LOGIN
        return 302
    return response.status_code


@pytest.mark.parametrize("url_name", [n for n in ALL_URL_NAMES if n in RULES])
def test_access_rule(url_name, world, client_for):
    rule = RULES[url_name]
    kwargs = rule.kwargs(world) if rule.kwargs else {}
    url = reverse(url_name, kwargs=kwargs)
    if rule.query:
        url += "?" + rule.query
    got = {}
    for persona in ("anonymous", *PERSONAS):
        client = client_for(None if persona == "anonymous" else persona)
        if rule.method == "POST":
            data = rule.data(world) if rule.data else {}
            response = client.post(url, data)
        else:
            response = client.get(url)
        got[persona] = _outcome(response)
        # A POST may change state (e.g. log out): later personas get fresh clients.
        if rule.method == "POST" and persona != "anonymous":
            client.force_login(world.users[persona])
    mismatches = {p: (rule.expect[p], got[p]) for p in got if got[p] != rule.expect[p]}
    assert not mismatches, f"{url_name} ({url}): persona → (expected, got): {mismatches}"
