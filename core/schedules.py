"""Every periodic job of the portal, in one place, with its time zone.

The schedules run under Celery beat with django-celery-beat's DatabaseScheduler, so an
administrator can change them in the admin (Quản trị → Periodic tasks). `sync_schedules()` puts
the ones below into that table when they are missing (after `migrate`, when beat starts, in
`seed_demo`) and never touches an entry that exists: an entry for the same task — whatever an
administrator made of its time, name or switch — counts as existing. To stop a job, untick
"Enabled" rather than deleting the entry: a deleted entry is created again by the next sync.

Celery beat itself is not needed for a cron-only installation: `manage.py send_reminders` runs
the same sweep (e.g. `0 7 * * * … manage.py send_reminders` with TZ=Asia/Ho_Chi_Minh).
"""

from dataclasses import dataclass, field

TIME_ZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class Schedule:
    name: str
    task: str
    description: str
    # A crontab in TIME_ZONE ({"minute": "0", "hour": "7"}), or an interval in minutes.
    crontab: dict = field(default_factory=dict)
    every_minutes: int | None = None


SCHEDULES = [
    Schedule(
        name="Nhắc hạn báo cáo và nhiệm vụ (hằng ngày 07:00)",
        task="reminders.tasks.send_reminders",
        description="Quét các kỳ báo cáo đang mở và nhiệm vụ kế hoạch; gửi nhắc trước hạn, vào ngày hạn và báo quá hạn.",
        crontab={"minute": "0", "hour": "7"},
    ),
    Schedule(
        name="Đưa lại vào hàng đợi các việc chờ (5 phút)",
        task="core.tasks.flush_outbox",
        description="Việc không đưa được vào hàng đợi khi Redis ngừng (gửi thư, tạo PDF) được đưa lại khi Redis hoạt động.",
        every_minutes=5,
    ),
    Schedule(
        name="Gửi lại thư bị kẹt hoặc lỗi (15 phút)",
        task="notifications.tasks.retry_email_deliveries",
        description="Thư chưa được gửi sau 15 phút (mất việc trong hàng đợi) hoặc gửi lỗi còn lượt thử lại.",
        every_minutes=15,
    ),
    Schedule(
        name="Tính lại số liệu bảng điều khiển (hằng đêm 02:30)",
        task="dashboards.tasks.refresh_dashboards",
        description="Tính lại từ đầu số liệu tổng hợp của bảng điều khiển (phòng sai lệch sau khi nạp dữ liệu hàng loạt).",
        crontab={"minute": "30", "hour": "2"},
    ),
]


def sync_schedules(using: str = "default") -> int:
    """Create the missing entries in django-celery-beat; returns how many were created."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    created = 0
    existing = set(PeriodicTask.objects.using(using).values_list("task", flat=True))
    for schedule in SCHEDULES:
        if schedule.task in existing or PeriodicTask.objects.using(using).filter(name=schedule.name).exists():
            continue
        entry = PeriodicTask(name=schedule.name, task=schedule.task, description=schedule.description, enabled=True)
        if schedule.every_minutes:
            entry.interval, _ = IntervalSchedule.objects.using(using).get_or_create(
                every=schedule.every_minutes, period=IntervalSchedule.MINUTES
            )
        else:
            cron = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **schedule.crontab}
            entry.crontab, _ = CrontabSchedule.objects.using(using).get_or_create(timezone=TIME_ZONE, **cron)
        entry.save(using=using)
        created += 1
    return created


def sync_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: the tables exist once the whole migration plan has run."""
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "django_celery_beat_periodictask" not in tables:
        return
    sync_schedules(using=using)
