"""Login lockouts behind the TLS proxy (issue 16, finding 5): every request reaches the portal from
the proxy's address, so the lockout must read the client's address from X-Forwarded-For (only when
the deployment trusts its proxy), and nobody may lock another person out from elsewhere."""

import pytest
from django.test import Client, RequestFactory

LOGIN = "/tai-khoan/dang-nhap/"
PROXY = "10.0.0.1"  # the TLS proxy in front of gunicorn: REMOTE_ADDR of every request
ATTACKER = "198.51.100.66"
DESK = "203.0.113.10"  # the real `tinh`, at their desk


def _login(username: str, password: str, *, address: str, header: str | None = None):
    """A login sent through the proxy: REMOTE_ADDR is the proxy, the client is in the header."""
    extra = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": header if header is not None else address}
    return Client().post(LOGIN, {"username": username, "password": password}, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [PROXY]
    return settings


def test_a_flood_of_wrong_passwords_from_elsewhere_does_not_lock_the_real_person_out(world, behind_proxy):
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT + 3):
        _login("tinh", "doan-mo", address=ATTACKER)
    response = _login("tinh", "dvk-demo-2020", address=DESK)
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_attackers_own_address_is_locked_for_that_name(world, behind_proxy):
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT):
        _login("tinh", "doan-mo", address=ATTACKER)
    # Even the right password is refused from there: the pair (tinh, attacker's address) is locked.
    response = _login("tinh", "dvk-demo-2020", address=ATTACKER)
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_trying_many_names_from_one_address_locks_that_address(world, behind_proxy):
    per_name = behind_proxy.AXES_FAILURE_LIMIT - 1  # never enough to lock any one name
    names = [f"nguoi-{i}" for i in range(-(-behind_proxy.AXES_ADDRESS_FAILURE_LIMIT // per_name))]
    for name in names:
        for _ in range(per_name):
            _login(name, "doan-mo", address=ATTACKER)
    assert _login("sonduong", "dvk-demo-2020", address=ATTACKER).status_code == 429
    # The address is locked, not the accounts: sonduong logs in from their own machine.
    assert _login("sonduong", "dvk-demo-2020", address=DESK).status_code == 302


def test_a_successful_login_does_not_clear_the_count_of_an_address(world, behind_proxy):
    """Someone with an account of their own cannot clear the address's count between guesses."""
    behind_proxy.AXES_ADDRESS_FAILURE_LIMIT = 7
    for name in ("nahang", "tantrao", "canbo"):
        for _ in range(2):
            _login(name, "doan-mo", address=ATTACKER)
    assert _login("quansat", "dvk-demo-2020", address=ATTACKER).status_code == 302  # their own account
    _login("nahang", "doan-mo", address=ATTACKER)  # the seventh failure from this address
    assert _login("quansat", "dvk-demo-2020", address=ATTACKER).status_code == 429


def test_without_the_trusted_proxy_setting_the_header_is_ignored(world, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0  # the default: no proxy is trusted
    # A different forged address on every attempt does not escape the lock (the header is not read),
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login("nahang", "doan-mo", address=f"192.0.2.{i + 1}")
    assert _login("nahang", "dvk-demo-2020", address="192.0.2.200").status_code == 429
    # and a forged address does not pass for someone else's.
    assert _login("sonduong", "dvk-demo-2020", address=DESK).status_code == 302


def test_the_header_is_read_only_from_the_trusted_proxies(world, behind_proxy):
    from core.client_ip import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=ATTACKER)
    assert client_ip(request) == "192.0.2.50"  # reached gunicorn directly: its own address counts
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert client_ip(request) == ATTACKER


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (1, "203.0.113.10", "203.0.113.10"),
        # Entries on the left came from the client: only the one the proxy wrote counts.
        (1, "1.2.3.4, 203.0.113.10", "203.0.113.10"),
        (2, "1.2.3.4, 203.0.113.10, 10.0.0.9", "203.0.113.10"),
        (1, "203.0.113.10:51234", "203.0.113.10"),
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "2001:db8::7", "2001:db8::7"),
        # A header shorter than the chain of proxies, or not an address: the peer's address.
        (2, "203.0.113.10", PROXY),
        (1, "unknown", PROXY),
        (1, "", PROXY),
        (0, "203.0.113.10", PROXY),
    ],
)
def test_the_client_address_is_the_entry_the_outermost_trusted_proxy_wrote(settings, count, header, expected):
    from core.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected
