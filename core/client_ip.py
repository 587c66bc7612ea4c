"""The address of the person at the other end, for login lockouts and rate limits.

Behind a reverse proxy REMOTE_ADDR is the proxy's address, the same for everyone; the client's is in
X-Forwarded-For, which each proxy extends with the address it received the request from. Anyone
can send that header, so it is read only when the deployment says so (settings.TRUSTED_PROXY_COUNT,
from the environment, see .env.example), and then only the entry the outermost trusted proxy wrote:
the N-th from the right for N trusted proxies. Entries further left came from the client and are
ignored. With TRUSTED_PROXIES set, the header is believed only from those addresses (a request that
reached the application server directly is judged by its own address).

Used by django-axes (AXES_CLIENT_IP_CALLABLE) and the password-reset limits.
"""

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _from_trusted_proxy(remote: str) -> bool:
    trusted = getattr(settings, "TRUSTED_PROXIES", ())
    if not trusted:
        return True
    address = _address(remote)
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(network, strict=False) for network in trusted)


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0 or not _from_trusted_proxy(remote or ""):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer entries than trusted proxies: one of them did not write its entry; nothing in the
        # header can be trusted.
        return remote
    return _address(hops[-count]) or remote
