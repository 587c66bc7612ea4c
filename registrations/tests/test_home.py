"""Home page sections: a cadre's own tasks, an approver's waiting registrations."""

from django.urls import reverse


def test_a_cadre_sees_her_tasks_and_the_next_step(client_for, make):
    make(status="returned", title="Việc bị trả lại")
    html = client_for("canbo").get(reverse("home")).content.decode()
    assert "Việc làm “Dân vận khéo” của tôi" in html and "Việc bị trả lại" in html and "Sửa theo ý kiến và gửi lại" in html
    assert reverse("registrations:create") + "?loai=task" in html


def test_an_officer_sees_what_waits_for_him(client_for, make):
    make(status="submitted", title="Việc chờ huyện duyệt")
    make(unit="02545", kind="content", status="submitted", title="Nội dung xã chờ huyện duyệt")
    make(unit="076", kind="content", status="submitted", title="Nội dung huyện chờ tỉnh duyệt")
    son_duong = client_for("sonduong").get(reverse("home")).content.decode()
    assert "Việc chờ huyện duyệt" in son_duong and "Nội dung xã chờ huyện duyệt" in son_duong
    assert "Nội dung huyện chờ tỉnh duyệt" not in son_duong
    tinh = client_for("tinh").get(reverse("home")).content.decode()
    assert "Nội dung huyện chờ tỉnh duyệt" in tinh and "Việc chờ huyện duyệt" not in tinh
    assert "Đăng ký chờ duyệt" not in client_for("quansat").get(reverse("home")).content.decode()
