"""The campaign year a page works in.

Every page works inside one campaign: the one chosen with the year switcher (`?nam=2020`, kept in
the person's session so that the next pages stay in that year), else the current one (the running
year with the latest year). One query per request reads every campaign (a handful of rows) and
serves both the choice and the switcher.
"""

import re
from functools import cached_property

from campaigns.models import Campaign

SESSION_KEY = "campaign_year"
PARAM = "nam"


class Years:
    """What a request knows about campaign years; built once per request (`years_of`)."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def all(self) -> list[Campaign]:
        return list(Campaign.objects.order_by("-year"))

    @cached_property
    def current(self) -> Campaign | None:
        running = [c for c in self.all if c.status == Campaign.Status.ACTIVE]
        return (running or self.all or [None])[0]

    def by_year(self, year) -> Campaign | None:
        try:
            year = int(year)
        except (TypeError, ValueError):
            return None
        return next((c for c in self.all if c.year == year), None)

    @cached_property
    def selected(self) -> Campaign | None:
        request = self.request
        session = getattr(request, "session", None)
        asked = self.by_year(request.GET.get(PARAM)) if PARAM in request.GET else None
        if asked is not None:
            if (
                session is not None
                and getattr(request.user, "is_authenticated", False)
                and session.get(SESSION_KEY) != asked.year
            ):
                session[SESSION_KEY] = asked.year
            return asked
        if session is not None and getattr(request.user, "is_authenticated", False):
            remembered = self.by_year(session.get(SESSION_KEY))
            if remembered is not None:
                return remembered
        return self.current

    def pin(self, campaign) -> None:
        """A page about one record works in that record's year, whatever year was chosen before
        (the banner and the links then say that year); the choice in the session is kept."""
        if campaign is not None:
            self.__dict__["selected"] = campaign

    @property
    def back_url(self) -> str:
        """The link "back to the current year" from this page."""
        current = self.current
        if current is None:
            return "/"
        path = self.request.path
        return f"{path if not _RECORD_PATH.search(path) else '/'}?{PARAM}={current.year}"

    @property
    def is_other_year(self) -> bool:
        """The chosen year is not the current one (an archive, or the next year being prepared)."""
        return self.selected is not None and self.current is not None and self.selected.pk != self.current.pk

    @property
    def map_date(self):
        """The day whose unit tree the page shows: the chosen campaign's map (today without one)."""
        from django.utils import timezone

        return self.selected.map_date if self.selected is not None else timezone.localdate()

    @property
    def query(self) -> str:
        """`nam=2020` when links must carry the chosen year, else ""."""
        return f"{PARAM}={self.selected.year}" if self.is_other_year else ""

    @cached_property
    def choices(self) -> list[dict]:
        """The switcher: each year with the link that reaches it. A list page stays the same page in
        the other year; a page about one record (its path holds a number) goes to that year's home."""
        path = self.request.path
        stay = not _RECORD_PATH.search(path)
        return [
            {
                "campaign": c,
                "url": f"{path if stay else '/'}?{PARAM}={c.year}",
                "selected": self.selected is not None and c.pk == self.selected.pk,
            }
            for c in self.all
        ]


_RECORD_PATH = re.compile(r"/\d+/")


def years_of(request) -> Years:
    years = getattr(request, "_campaign_years", None)
    if years is None:
        years = request._campaign_years = Years(request)
    return years


def selected_campaign(request) -> Campaign | None:
    return years_of(request).selected


def pin_campaign(request, campaign) -> None:
    years_of(request).pin(campaign)
