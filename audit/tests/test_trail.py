"""The audit trail: every change recorded with who, when, from what to what; shown to provincial
staff; nothing in the portal edits or deletes it."""

from django.urls import get_resolver

from audit.models import AuditEvent


def test_a_role_change_through_the_portal_is_recorded_with_before_and_after(client_for, world):
    membership = world.users["tantrao"].memberships.get()
    client_for("sonduong").post(f"/tai-khoan/vai-tro/{membership.pk}/trang-thai/", {"active": "0"})
    event = AuditEvent.objects.filter(model_label="accounts.membership", object_id=str(membership.pk), action="~").get()
    assert event.user == world.users["sonduong"]
    assert event.unit.code == "02545" and event.unit_path == "/08/076/02545/"
    assert event.changes == [{"field": "is_active", "label": "còn hiệu lực", "old": "Có", "new": "Không"}]


def test_dates_times_and_linked_records_read_as_people_write_them(world):
    import datetime as dt

    from reports.tests.factories import make_period, make_report

    period = make_period(world)
    report = make_report(world, "076", period=period)
    report.status = "submitted"
    report.submitted_at = dt.datetime(2020, 6, 4, 8, 30, tzinfo=dt.UTC)
    report.save()
    event = AuditEvent.objects.filter(model_label="reports.report", object_id=str(report.pk), action="~").latest("id")
    changes = {c["field"]: (c["old"], c["new"]) for c in event.changes}
    assert changes["status"] == ("Đang soạn", "Đã gửi, chờ tiếp nhận")
    assert changes["submitted_at"] == ("", "15:30 4/6/2020")  # 08:30 UTC is 15:30 in Hà Nội
    period.due_on = dt.date(2020, 6, 12)
    period.receiving_unit = world.units["08-BTG"]
    period.save()
    event = AuditEvent.objects.filter(model_label="reports.reportingperiod", object_id=str(period.pk), action="~").latest("id")
    changes = {c["field"]: (c["old"], c["new"]) for c in event.changes}
    assert changes["due_on"] == ("10/6/2020", "12/6/2020")
    assert changes["receiving_unit"][1] == str(world.units["08-BTG"]) and not changes["receiving_unit"][0].isdigit()


def test_creation_is_recorded(world):
    assert AuditEvent.objects.filter(model_label="accounts.membership", action="+").count() == 7


def test_provincial_staff_read_the_trail(client_for, world):
    membership = world.users["tantrao"].memberships.get()
    client_for("sonduong").post(f"/tai-khoan/vai-tro/{membership.pk}/trang-thai/", {"active": "0"})
    html = client_for("tinh").get("/nhat-ky-thay-doi/", {"user": "sonduong"}).content.decode()
    assert "còn hiệu lực" in html and "Trần Minh Tuấn" in html and "<del>Có</del>" in html


def test_the_trail_page_has_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    client = client_for("tinh")
    for membership in world.users["tantrao"].memberships.all():
        for active in ("0", "1") * 10:
            client_for("sonduong").post(f"/tai-khoan/vai-tro/{membership.pk}/trang-thai/", {"active": active})
    with django_assert_max_num_queries(11):
        assert client.get("/nhat-ky-thay-doi/").status_code == 200


def test_a_wrong_date_range_is_explained(client_for, world):
    html = client_for("tinh").get("/nhat-ky-thay-doi/", {"since": "2020-06-10", "until": "2020-06-01"}).content.decode()
    assert "“Từ ngày” phải trước hoặc bằng “Đến ngày”." in html


def test_no_url_of_the_portal_changes_the_trail():
    audit_resolver = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "audit")
    assert [p.name for p in audit_resolver.url_patterns] == ["trail"]


def test_the_admin_cannot_add_change_or_delete_events(world, rf):
    from django.contrib import admin

    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/")
    request.user = world.users["tinh"]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
