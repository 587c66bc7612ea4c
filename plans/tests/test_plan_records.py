"""Inspection records, commemorations and their activities, the campaign page, home sections."""

import datetime as dt

from campaigns.models import Campaign, CommemorationActivity
from documents.tests.factories import png_upload
from notifications.models import Notification
from plans.models import Inspection
from plans.tests import factories


def test_inspection_is_recorded_and_the_inspected_unit_reports_follow_up(
    province_plan, world, client_for, django_capture_on_commit_callbacks
):
    data = {
        "token": "i-1",
        "kind": "supervision",
        "inspected_unit": world.units["072"].pk,
        "inspected_on": "2020-06-10",
        "team": "Trưởng đoàn: Phó Chủ tịch Ủy ban MTTQ tỉnh",
        "content": "Giám sát việc xây dựng kế hoạch",
        "findings": "Chưa ban hành kế hoạch",
        "recommendations": "Ban hành kế hoạch trước 30/6/2020",
        "follow_up_status": "pending",
        "files": [png_upload("bien-ban.png")],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("tinh").post("/ke-hoach/kiem-tra/moi/", data)
    inspection = Inspection.objects.get(token="i-1")
    assert response["Location"] == f"/ke-hoach/kiem-tra/{inspection.pk}/" and inspection.unit == world.units["08"]
    assert Notification.objects.filter(kind="inspection_recorded", recipient=world.users["nahang"]).exists()
    client_for("tinh").post("/ke-hoach/kiem-tra/moi/", data)  # sent twice: one record
    assert Inspection.objects.filter(inspected_unit=world.units["072"]).count() == 1
    html = client_for("nahang").get(f"/ke-hoach/kiem-tra/{inspection.pk}/").content.decode()
    assert "Ban hành kế hoạch trước 30/6/2020" in html and "bien-ban.png" in html and "Báo cáo việc thực hiện kiến nghị" in html
    assert client_for("sonduong").get(f"/ke-hoach/kiem-tra/{inspection.pk}/").status_code == 404
    assert client_for("nahang").get(f"/ke-hoach/kiem-tra/{inspection.pk}/sua/").status_code == 403
    response = client_for("nahang").post(
        f"/ke-hoach/kiem-tra/{inspection.pk}/thuc-hien-kien-nghi/",
        {"version": inspection.version, "follow_up_status": "done", "follow_up_note": "Đã ban hành kế hoạch ngày 25/6/2020."},
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.follow_up_status == "done" and inspection.follow_up_at is not None


def test_inspection_of_a_unit_outside_the_subtree_or_in_the_future_is_refused(province_plan, world, client_for, in_2020):
    base = {
        "token": "i-2",
        "kind": "inspection",
        "inspected_on": "2020-06-10",
        "team": "Đoàn",
        "content": "Kiểm tra",
        "follow_up_status": "pending",
    }
    # Sơn Dương may only choose its own communes: Na Hang is not in the list.
    response = client_for("sonduong").post("/ke-hoach/kiem-tra/moi/", {**base, "inspected_unit": world.units["072"].pk})
    assert response.status_code == 200 and "lựa chọn hợp lệ" in response.content.decode()
    assert not Inspection.objects.filter(token="i-2").exists()
    response = client_for("sonduong").post(
        "/ke-hoach/kiem-tra/moi/", {**base, "inspected_unit": world.units["02545"].pk, "inspected_on": "2020-07-01"}
    )
    assert "không thể sau hôm nay" in response.content.decode() and "Kiểm tra" in response.content.decode()


def test_units_register_commemoration_activities(province_plan, world, client_for):
    event = province_plan.campaign.commemorations.get(anniversary_on=dt.date(2020, 10, 15))
    url = f"/ke-hoach/ky-niem/{event.pk}/"
    data = {
        "token": "a-1",
        "unit": world.units["02545"].pk,
        "kind": "contest",
        "title": "Hội thi tìm hiểu công tác dân vận",
        "planned_on": "2020-10-10",
        "status": "registered",
    }
    assert client_for("tantrao").post(url, data).status_code == 302
    client_for("tantrao").post(url, data)
    assert CommemorationActivity.objects.filter(title="Hội thi tìm hiểu công tác dân vận").count() == 1
    response = client_for("tantrao").post(url, {**data, "token": "a-2", "planned_on": "2021-01-05"})
    assert "Ngày dự kiến phải trong thời gian của phong trào" in response.content.decode()
    # Na Hang does not see Tân Trào's activity; Sơn Dương (above it) does.
    assert "Hội thi tìm hiểu công tác dân vận" in client_for("sonduong").get(url).content.decode()
    assert "Hội thi tìm hiểu công tác dân vận" not in client_for("nahang").get(url).content.decode()


def test_provincial_staff_edit_the_campaign(province_plan, world, client_for):
    campaign = Campaign.objects.get(year=2020)
    movements = list(campaign.movements.values_list("pk", flat=True))
    response = client_for("tinh").post(
        f"/ke-hoach/phong-trao/{campaign.pk}/sua/",
        {
            "version": campaign.version,
            "theme": "Năm Dân vận khéo",
            "status": "closed",
            "description": "",
            "movements": movements[:3],
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "closed" and campaign.movements.count() == 3
    assert client_for("sonduong").get(f"/ke-hoach/phong-trao/{campaign.pk}/sua/").status_code == 403


def test_home_sections_show_what_to_do_next(province_plan, world, client_for, in_2020):
    html = client_for("nahang").get("/").content.decode()
    assert "Kế hoạch và việc được giao" in html and "Xây dựng kế hoạch của đơn vị căn cứ Kế hoạch số 04/KH-MTTQ-BTT" in html
    assert "Quá hạn" in html
    html = client_for("tinh").get("/").content.decode()
    assert "0/7 đơn vị cấp dưới đã ban hành kế hoạch" in html and "việc của cấp dưới đã quá hạn" in html
    factories.sonduong_issued(world)
    assert "1/7 đơn vị cấp dưới đã ban hành kế hoạch" in client_for("tinh").get("/").content.decode()
    assert "Kế hoạch và việc được giao" not in client_for("canbo").get("/").content.decode()
