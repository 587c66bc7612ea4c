"""The demo's current year: this year's campaign (the year of today in Asia/Ho_Chi_Minh), opened
with campaign_open from the latest earlier year (2020 on a fresh database), so the fields of work
and the province's reporting periods are carried over on the map in force, then set running: it is
the current campaign. Also the clock the loaders of this year date their records with.

It runs once the 2025 map is loaded (units.demo_today); on an earlier day the demo is the 2020
campaign alone. Running it twice changes nothing: the year's campaign is found by its year."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.utils import timezone

from campaigns.models import Campaign
from campaigns.services import campaign_open, campaign_update

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAP_FROM = dt.date(2025, 7, 1)  # units.demo_today: the two-level map is in force from this day
THEME = "Dân vận khéo ở cơ sở sau sắp xếp đơn vị hành chính"
DESCRIPTION = (
    "Năm đầu tiên toàn bộ các xã, phường của tỉnh Tuyên Quang mới thực hiện Phong trào thi đua “Dân vận khéo” "
    "theo mô hình chính quyền địa phương hai cấp; phát huy vai trò Mặt trận ở khu dân cư, gắn với xây dựng nông thôn mới "
    "và đô thị văn minh."
)


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


class DemoClock:
    """Moments of the current year for the demo's records: never after now, never before 1 January
    of this year, so the demo tells a plausible year whatever day it is loaded."""

    def __init__(self, now: dt.datetime | None = None):
        self.now = timezone.localtime(now or timezone.now(), TZ)
        self.today = self.now.date()
        self.year = self.today.year
        self.first_day = dt.date(self.year, 1, 1)
        self.start = aware(self.first_day, 0)

    def at(self, fraction: float, hour: int = 9, minute: int = 0) -> dt.datetime:
        """The moment `fraction` (0 ≤ f < 1) of the way through the year so far, at a working hour on
        a day before today; in the first two weeks of January, within the hours already gone."""
        elapsed = (self.today - self.first_day).days
        if elapsed >= 14:
            day = self.first_day + dt.timedelta(days=round(fraction * (elapsed - 1)))
            return aware(day, hour, minute)
        return self.start + (self.now - self.start) * min(fraction, 0.99)

    def day(self, fraction: float) -> dt.date:
        return timezone.localtime(self.at(fraction), TZ).date()

    def around(self, day: dt.date, offset_days: int, hour: int = 9, minute: int = 0) -> dt.datetime | None:
        """`offset_days` after `day` (before it when negative) at that hour; None when that moment is
        still to come or falls outside this year (the step has not happened yet)."""
        moment_day = day + dt.timedelta(days=offset_days)
        if moment_day.year != self.year:
            return None
        moment = aware(moment_day, hour, minute)
        return moment if moment < self.now else None


@contextmanager
def notices_at(moment: dt.datetime):
    """The notifications the services send inside the block are dated `moment` (when the step
    happened, not when the demo was loaded); those older than two weeks are read by then."""
    from notifications.models import Notification

    last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    new = Notification.objects.filter(pk__gt=last)
    if moment < timezone.now() - dt.timedelta(days=14):
        new.update(created_at=moment, read_at=moment + dt.timedelta(hours=3))
    else:
        new.update(created_at=moment)


def load(ctx):
    if ctx.get("units_today") is None:  # before the 2025 map: the demo is the 2020 campaign alone
        return None
    clock = DemoClock()
    tinh = ctx["users"]["tinh"]
    campaign = Campaign.objects.filter(year=clock.year).first()
    opened_from = None
    if campaign is None:
        source = Campaign.objects.filter(year__lt=clock.year).order_by("-year").first()
        map_on = MAP_FROM if clock.year == MAP_FROM.year else None  # 2025: the new map from 1 July
        with notices_at(clock.at(0.0, 8)):
            campaign, _done = campaign_open(
                source=source, by=tinh, year=clock.year, theme=THEME, description=DESCRIPTION, map_on=map_on
            )
            campaign = campaign_update(
                campaign=campaign, by=tinh, expected_version=campaign.version, theme=campaign.theme,
                status=Campaign.Status.ACTIVE, description=campaign.description, movements=list(campaign.movements.all()),
                map_on=campaign.map_on,
            )  # fmt: skip
        opened_from = source
    ctx["campaign_today"] = campaign
    ctx["clock"] = clock
    ctx["units_today"] = {u.code: u for u in campaign.units()}
    state = f"mới, mở từ năm {opened_from.year}" if opened_from else "đã có"
    periods = campaign.reporting_periods.count()
    return f"Phong trào {campaign.year} ({state}; {campaign.get_status_display().lower()}; {periods} kỳ báo cáo)."
