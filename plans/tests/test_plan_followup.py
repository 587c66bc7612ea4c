"""Plan tasks and their follow-up: the assignee's updates with evidence, the follow-up page and its
filters, urging (notice, e-mail, record on the task, letter PDF), and fixed query counts."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.core import mail

from documents.models import Attachment, GeneratedDocument
from documents.tests.factories import exe_disguised_as_pdf, png_upload
from notifications.models import Notification
from plans.models import PlanTask, TaskAssignment, TaskUpdate, Urging, UrgingNotice
from plans.tests import factories
from units.models import Unit


def _nahang_overdue(world, plan):
    return TaskAssignment.objects.get(task__plan=plan, task__kind=PlanTask.Kind.PLAN, unit=world.units["072"])


def test_assignee_records_progress_with_evidence(province_plan, world, client_for):
    assignment = factories.sonduong_assignment(world)
    response = client_for("sonduong").post(
        f"/ke-hoach/viec-duoc-giao/{assignment.pk}/cap-nhat/",
        {"status": "done", "text": "Đã hướng dẫn 100% cán bộ cơ quan đăng ký.", "token": "t-1", "files": [png_upload()]},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "done" and assignment.done_at is not None
    update = assignment.updates.get(token="t-1")
    assert Attachment.objects.filter(owner_id=update.pk).count() == 1
    # The same form sent twice records one update.
    client_for("sonduong").post(
        f"/ke-hoach/viec-duoc-giao/{assignment.pk}/cap-nhat/", {"status": "done", "text": "x", "token": "t-1"}
    )
    assert assignment.updates.filter(token="t-1").count() == 1
    # The province sees the update and its evidence on the task page.
    html = client_for("tinh").get(f"/ke-hoach/viec-duoc-giao/{assignment.pk}/").content.decode()
    assert "Đã hướng dẫn 100% cán bộ cơ quan đăng ký." in html and "anh.png" in html


def test_a_bad_evidence_file_is_refused_and_the_text_is_kept(province_plan, world, client_for):
    assignment = factories.sonduong_assignment(world)
    before = assignment.updates.count()
    response = client_for("sonduong").post(
        f"/ke-hoach/viec-duoc-giao/{assignment.pk}/cap-nhat/",
        {"status": "in_progress", "text": "Nội dung tôi đã gõ rất dài", "token": "t-2", "files": [exe_disguised_as_pdf()]},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "không phải là" in html and "Nội dung tôi đã gõ rất dài" in html
    assert assignment.updates.count() == before


def test_upper_level_cannot_update_a_lower_units_task(province_plan, world, client_for):
    assignment = factories.sonduong_assignment(world)
    response = client_for("tinh").post(f"/ke-hoach/viec-duoc-giao/{assignment.pk}/cap-nhat/", {"status": "done", "text": "Xong"})
    assert response.status_code == 403


def test_followup_lists_overdue_and_at_risk_across_the_subtree_with_filters(province_plan, world, client_for, in_2020):
    client = client_for("tinh")
    html = client.get("/ke-hoach/theo-doi/", {"state": "overdue", "unit": "072"}).content.decode()
    assert html.count('name="assignment"') == 3 and "Huyện Sơn Dương" not in html.split("<tbody>")[1]
    html = client.get("/ke-hoach/theo-doi/", {"state": "done"}).content.decode()
    assert 'name="assignment"' not in html and "Thành phố Tuyên Quang" in html
    # The province's own tasks are not "lower units'" tasks.
    html = client.get("/ke-hoach/theo-doi/", {"state": "all"}).content.decode()
    assert "Xây dựng kế hoạch triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm 2020 trong hệ thống MTTQ" not in html
    # A district officer follows its communes only: none have tasks yet.
    html = client_for("sonduong").get("/ke-hoach/theo-doi/", {"state": "all"}).content.decode()
    assert "Không có việc nào khớp điều kiện lọc." in html
    # Sorting by unit puts Thành phố Tuyên Quang (070) first.
    html = client.get("/ke-hoach/theo-doi/", {"state": "all", "sort": "don-vi"}).content.decode()
    rows = html.split("<tbody>")[1]
    assert rows.index("Thành phố Tuyên Quang") < rows.index("Huyện Sơn Dương")


def test_urging_records_notifies_by_app_and_email_and_is_visible_to_the_urged_unit(
    province_plan, world, client_for, in_2020, django_capture_on_commit_callbacks
):
    target = _nahang_overdue(world, province_plan)
    data = {
        "assignment": [target.pk],
        "token": "u-1",
        "sent_on": "2020-06-15",
        "number": "15/MTTQ-BTT",
        "subject": "V/v đôn đốc xây dựng kế hoạch",
        "message": "Đề nghị khẩn trương ban hành kế hoạch.",
        "signer_authority": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Hoàng Thị Thanh Hương",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("tinh").post("/ke-hoach/theo-doi/?state=overdue", data)
    notice = UrgingNotice.objects.get()
    assert response["Location"] == f"/ke-hoach/don-doc/{notice.pk}/"
    urging = Urging.objects.get()
    assert (
        urging.unit == world.units["072"]
        and urging.assignment == target
        and urging.days_late == 92
        and urging.by == world.users["tinh"]
    )
    note = Notification.objects.get(kind="task_urged", recipient=world.users["nahang"])
    assert note.url == f"/ke-hoach/don-doc/{notice.pk}/"
    sent = [m for m in mail.outbox if "nahang@" in ",".join(m.to) and "đôn đốc" in m.subject]
    assert sent and "Xây dựng kế hoạch triển khai" in sent[0].body and f"/ke-hoach/don-doc/{notice.pk}/" in sent[0].body
    # Sent twice (double click): one notice.
    with django_capture_on_commit_callbacks(execute=True):
        client_for("tinh").post("/ke-hoach/theo-doi/?state=overdue", data)
    assert UrgingNotice.objects.count() == 1
    # Na Hang sees the urging on its task and the notice; Sơn Dương does not.
    html = client_for("nahang").get(f"/ke-hoach/viec-duoc-giao/{target.pk}/").content.decode()
    assert "Ủy ban MTTQ tỉnh Tuyên Quang đôn đốc" in html and "Đề nghị khẩn trương ban hành kế hoạch." in html
    assert client_for("nahang").get(f"/ke-hoach/don-doc/{notice.pk}/").status_code == 200
    assert client_for("sonduong").get(f"/ke-hoach/don-doc/{notice.pk}/").status_code == 404
    assert "đôn đốc" in client_for("nahang").get("/").content.decode()


def test_urging_refuses_done_tasks_and_keeps_the_letter(province_plan, world, client_for, in_2020):
    done = TaskAssignment.objects.filter(task__plan=province_plan, status="done").exclude(unit=world.units["08"]).first()
    response = client_for("tinh").post(
        "/ke-hoach/theo-doi/?state=all",
        {
            "assignment": [done.pk],
            "token": "u-2",
            "sent_on": "2020-06-15",
            "subject": "V/v đôn đốc",
            "message": "Nội dung công văn tôi đã gõ",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "đã hoàn thành" in html and "Nội dung công văn tôi đã gõ" in html
    assert not UrgingNotice.objects.exists()
    response = client_for("tinh").post(
        "/ke-hoach/theo-doi/", {"token": "u-3", "sent_on": "2020-06-15", "subject": "V/v", "message": "Nội dung"}
    )
    assert "Hãy đánh dấu ít nhất một việc" in response.content.decode()


def test_only_the_upper_level_urges(province_plan, world, client_for, in_2020):
    target = _nahang_overdue(world, province_plan)
    data = {"assignment": [target.pk], "sent_on": "2020-06-15", "subject": "V/v", "message": "x"}
    assert client_for("sonduong").post("/ke-hoach/theo-doi/", data).status_code == 403
    assert client_for("quansat").post("/ke-hoach/theo-doi/", data).status_code == 403
    assert not UrgingNotice.objects.exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_urging_letter_pdf_lists_the_late_units(
    province_plan, world, scope_of, client_for, in_2020, django_capture_on_commit_callbacks, tmp_path
):
    from plans.services.followup import urging_send

    late = list(TaskAssignment.objects.overdue(on=in_2020).filter(task__kind="plan", unit__code__in=["072", "071"]))
    notice, _ = urging_send(
        by=world.users["tinh"],
        unit=world.units["08"],
        assignments=late,
        number="15/MTTQ-BTT",
        subject="V/v đôn đốc xây dựng kế hoạch",
        message="Đề nghị các đơn vị khẩn trương ban hành kế hoạch.",
        signer_authority="TM. BAN THƯỜNG TRỰC",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Hoàng Thị Thanh Hương",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for("tinh").post(f"/ke-hoach/don-doc/{notice.pk}/pdf/")
    document = GeneratedDocument.objects.get(kind="urging_letter")
    path = tmp_path / "letter.pdf"
    path.write_bytes(document.file.read())
    flat = " ".join(
        subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for expected in [
        "Số: 15/MTTQ-BTT",
        "V/v đôn đốc xây dựng kế hoạch",
        "Tuyên Quang, ngày 15 tháng 6 năm 2020",
        "Kính gửi:",
        "- Ban Thường trực Ủy ban MTTQ huyện Lâm Bình;",
        "- Ban Thường trực Ủy ban MTTQ huyện Na Hang.",
        "Kế hoạch số 04/KH-MTTQ-BTT ngày 12/02/2020",
        "Na Hang",
        "15/3/2020",
        "kế hoạch./.",
        "- Như trên;",
        "PHÓ CHỦ TỊCH",
    ]:
        assert expected in flat, expected
    assert "KẾ HOẠCH" not in flat  # a công văn has no type name


def _rows(world, plan, communes, notices=1):
    """A province task for these communes, an update and an urging on each, `notices` urging notices."""
    section = plan.sections.get(part="implementation", number="2.")
    task = PlanTask.objects.create(
        plan=plan, section=section, text="Rà soát khu dân cư tự quản", target_level="commune", due_on=dt.date(2020, 5, 1)
    )
    assignments = TaskAssignment.objects.bulk_create([TaskAssignment(task=task, unit=u, due_on=task.due_on) for u in communes])
    for n in range(notices):
        notice = UrgingNotice.objects.create(
            unit=world.units["08"], subject=f"V/v đôn đốc {n}", message="x", sent_on=dt.date(2020, 6, 1)
        )
        Urging.objects.bulk_create([Urging(notice=notice, assignment=a, unit=a.unit, due_on=a.due_on) for a in assignments])
    TaskUpdate.objects.bulk_create([TaskUpdate(assignment=a, text="Đang làm", status="in_progress") for a in assignments])
    return assignments


def test_pages_run_a_fixed_number_of_queries(province_plan, world, client_for, django_assert_max_num_queries, in_2020):
    factories.sonduong_issued(world)
    communes = list(Unit.objects.open().filter(level="commune").order_by("path"))
    _rows(world, province_plan, communes[:3])  # a few rows of every kind, so each list shows a page
    tinh, sonduong = client_for("tinh"), client_for("sonduong")
    pages = [
        (tinh, "/ke-hoach/theo-doi/?state=all"),
        (tinh, f"/ke-hoach/{province_plan.pk}/"),
        (tinh, f"/ke-hoach/{province_plan.pk}/cap-duoi/"),
        (tinh, "/ke-hoach/"),
        (tinh, "/ke-hoach/don-doc/"),
        (tinh, "/ke-hoach/viec-duoc-giao/?tinh-trang=all"),
        (sonduong, "/ke-hoach/viec-duoc-giao/?tinh-trang=all"),
        (tinh, "/ke-hoach/kiem-tra/"),
        (tinh, f"/ke-hoach/{factories.sonduong_issued(world).pk}/so-sanh/"),
        (tinh, "/"),
    ]
    before = {}
    for client, url in pages:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        before[url + str(id(client))] = len(ctx.captured_queries)
    _rows(world, province_plan, communes[3:], notices=40)  # 135 more assignments, 40 notices
    for client, url in pages:
        with django_assert_max_num_queries(before[url + str(id(client))], info=url):
            assert client.get(url).status_code == 200
