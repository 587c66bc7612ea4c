"""The trusted-proxy settings (issue 16, finding 5): read from the environment, strict, and wired
into django-axes; without them X-Forwarded-For is not read."""

import pytest

from danvan.tests.test_settings import PROD_ENV, _run

SHOW = (
    "from django.conf import settings as s;"
    "print(s.TRUSTED_PROXY_COUNT, s.TRUSTED_PROXIES, s.AXES_CLIENT_IP_CALLABLE, s.AXES_HANDLER, s.AXES_LOCKOUT_PARAMETERS)"
)


def test_production_reads_the_trusted_proxy_from_the_environment():
    result = _run(
        ["shell", "--no-imports", "-c", SHOW],
        {**PROD_ENV, "TRUSTED_PROXY_COUNT": "1", "TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"},
        "danvan.settings.prod",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "1 ['127.0.0.1', '10.0.0.0/8'] core.client_ip.client_ip accounts.lockout.LoginLockoutHandler [['username', 'ip_address']]"
    )


def test_without_the_variables_no_proxy_is_trusted():
    result = _run(["shell", "--no-imports", "-c", SHOW], PROD_ENV, "danvan.settings.prod")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["0", "[]"]


@pytest.mark.parametrize(
    ("name", "value"), [("TRUSTED_PROXY_COUNT", "-1"), ("TRUSTED_PROXY_COUNT", "one"), ("TRUSTED_PROXIES", "proxy.lan")]
)
def test_a_malformed_value_stops_production(name, value):
    result = _run(["check"], {**PROD_ENV, name: value}, "danvan.settings.prod")
    assert result.returncode != 0
    assert name in result.stderr
