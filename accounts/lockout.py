"""Login lockouts (django-axes) that an attacker cannot turn against the person they target.

Two counts over the failures of the cool-off period, both by the client's address
(core/client_ip.py, X-Forwarded-For only from a trusted proxy):
- one username from one address: AXES_FAILURE_LIMIT (axes' own combination lock,
  AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]; a successful login resets it);
- one address whatever the usernames: AXES_ADDRESS_FAILURE_LIMIT, so trying many accounts from one
  address (password spraying) stops too. A successful login does not reset this count (someone with
  an account of their own must not be able to clear it between guesses); it ages out like the other.
No count is kept per username alone: five wrong passwords for `tinh` sent from elsewhere lock that
sender, never `tinh` at their own desk.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum


class LoginLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures of the (username, address) pair, or the address's failures scaled to the pair's
        limit when that count is nearer its own limit: axes compares this figure with
        AXES_FAILURE_LIMIT, before authenticating and after each failure."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        totals = attempts.aggregate(
            address=Sum("failures_since_start"),
            pair=Sum("failures_since_start", filter=Q(username=username)),
        )
        pair, address = totals["pair"] or 0, totals["address"] or 0
        limit = get_failure_limit(request, credentials)
        return max(pair, address * limit // settings.AXES_ADDRESS_FAILURE_LIMIT)
