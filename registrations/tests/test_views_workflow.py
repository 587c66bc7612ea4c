"""The registration page and its buttons, as each persona sees them."""

import pytest
from django.urls import reverse

from registrations.models import Registration


def _detail(pk):
    return reverse("registrations:detail", args=[pk])


def test_the_approver_sees_approve_and_return_buttons_the_owner_does_not(client_for, make):
    r = make(status="submitted")
    officer = client_for("sonduong").get(_detail(r.pk)).content.decode()
    assert reverse("registrations:approve", args=[r.pk]) in officer and "Trả lại" in officer
    owner = client_for("canbo").get(_detail(r.pk)).content.decode()
    assert reverse("registrations:approve", args=[r.pk]) not in owner
    assert "Ủy ban MTTQ huyện Sơn Dương" in owner  # who decides


def test_approve_by_post_then_the_history_shows_who_and_when(client_for, make):
    r = make(status="submitted")
    response = client_for("sonduong").post(reverse("registrations:approve", args=[r.pk]), {"comment": "Đồng ý"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == "approved"
    html = client_for("canbo").get(_detail(r.pk)).content.decode()
    assert "Duyệt</strong> — Trần Minh Tuấn" in html and "10:42 10/6/2020" in html and "Đồng ý" in html


def test_returning_without_a_reason_keeps_it_submitted_and_says_why(client_for, make):
    r = make(status="submitted")
    response = client_for("sonduong").post(reverse("registrations:return", args=[r.pk]), {"reason": ""})
    assert response.status_code == 200 and "hãy ghi lý do" in response.content.decode()
    r.refresh_from_db()
    assert r.status == "submitted"
    client_for("sonduong").post(reverse("registrations:return", args=[r.pk]), {"reason": "Bổ sung chỉ tiêu"})
    r.refresh_from_db()
    assert r.status == "returned"
    html = client_for("canbo").get(_detail(r.pk)).content.decode()
    assert "Lý do: Bổ sung chỉ tiêu" in html and reverse("registrations:edit", args=[r.pk]) in html


def test_evaluation_form_records_the_rating(client_for, make):
    r = make(status="completed")
    url = reverse("registrations:evaluate", args=[r.pk])
    assert client_for("sonduong").post(url, {"rating": "good"}).status_code == 200  # no comment: refused, page again
    client_for("sonduong").post(url, {"rating": "excellent", "comment": "Cách làm sáng tạo"})
    r.refresh_from_db()
    assert r.status == "evaluated" and r.get_rating_display() == "Hoàn thành xuất sắc"


def test_a_double_tap_on_approve_is_one_approval(client_for, make):
    r = make(status="submitted")
    url = reverse("registrations:approve", args=[r.pk])
    client_for("sonduong").post(url)
    client_for("sonduong").post(url)
    assert r.transitions.filter(action="approve").count() == 1


@pytest.mark.parametrize(("username", "status"), [("nahang", 404), ("tantrao", 404), ("quansat", 200), ("tuyengiao", 200)])
def test_who_sees_a_cadre_task(client_for, make, username, status):
    r = make(status="submitted")
    assert client_for(username).get(_detail(r.pk)).status_code == status


def test_a_cadre_draft_is_private_to_the_cadre(client_for, make):
    r = make(status="draft")
    assert client_for("canbo").get(_detail(r.pk)).status_code == 200
    for username in ("sonduong", "tinh"):
        assert client_for(username).get(_detail(r.pk)).status_code == 404


def test_a_cadre_does_not_see_someone_else_task(client_for, make, cadre):
    colleague = cadre("076", "dongnghiep")
    r = make(person="canbo", status="submitted")
    client_for("canbo").force_login(colleague)
    assert client_for("canbo").get(_detail(r.pk)).status_code == 404


def test_read_only_roles_get_403_on_actions(client_for, make):
    r = make(status="submitted")
    for username in ("quansat", "tuyengiao"):
        assert client_for(username).post(reverse("registrations:approve", args=[r.pk])).status_code == 403
    assert Registration.objects.get(pk=r.pk).status == "submitted"
