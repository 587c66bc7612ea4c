"""Login, logout, password change and reset, in Vietnamese, without revealing which accounts exist."""

import re

from django.core import mail

from accounts.models import User


def test_login_page_is_vietnamese(client, world):
    html = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "Đăng nhập" in html and "Tên đăng nhập" in html and "Mật khẩu" in html and 'lang="vi"' in html


def test_wrong_password_and_unknown_user_get_the_same_message(client, world):
    wrong = client.post("/tai-khoan/dang-nhap/", {"username": "tinh", "password": "sai-mat-khau"}).content.decode()
    unknown = client.post("/tai-khoan/dang-nhap/", {"username": "khong-co-ai", "password": "sai-mat-khau"}).content.decode()
    message = "Tên đăng nhập hoặc mật khẩu không đúng"
    assert message in wrong and message in unknown


def test_demo_password_logs_in_and_lands_on_home(client, world):
    response = client.post("/tai-khoan/dang-nhap/", {"username": "sonduong", "password": "dvk-demo-2020"})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/").content.decode()
    assert "Trần Minh Tuấn" in home and "Huyện Sơn Dương" in home


def test_logout_is_a_post(client_for):
    client = client_for("tinh")
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_vietnamese_mail_only_to_existing_accounts(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://dvk.example.vn"
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes through the queue
        page_known = client.post("/tai-khoan/quen-mat-khau/", {"email": "tinh@mttq-tuyenquang.local"})
        page_unknown = client.post("/tai-khoan/quen-mat-khau/", {"email": "ai-do@example.vn"})
    assert page_known.status_code == page_unknown.status_code == 302
    assert page_known["Location"] == page_unknown["Location"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tinh@mttq-tuyenquang.local"]
    assert "Đặt lại mật khẩu" in message.subject
    link = re.search(r"https://dvk\.example\.vn(/tai-khoan/dat-mat-khau/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Mat-khau-moi-2020!", "new_password2": "Mat-khau-moi-2020!"}
    )
    assert done.status_code == 302
    assert User.objects.get(username="tinh").check_password("Mat-khau-moi-2020!")


def test_password_change_rejects_weak_password_in_vietnamese(client_for):
    response = client_for("canbo").post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "dvk-demo-2020", "new_password1": "12345678", "new_password2": "12345678"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn" in html or "quá phổ biến" in html


def test_a_temporary_password_must_be_changed_before_anything_else(client, world):
    user = world.users["canbo"]
    user.must_change_password = True
    user.save()
    client.force_login(user)
    assert client.get("/")["Location"] == "/tai-khoan/doi-mat-khau/"
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "dvk-demo-2020", "new_password1": "Cay-lua-Tan-Trao-2020", "new_password2": "Cay-lua-Tan-Trao-2020"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_repeated_failures_lock_the_login_with_a_clear_message(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/tai-khoan/dang-nhap/", {"username": "nahang", "password": "doan-mo"})
    response = client.post("/tai-khoan/dang-nhap/", {"username": "nahang", "password": "dvk-demo-2020"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # An account that does not exist is locked the same way: nothing tells the two apart.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/tai-khoan/dang-nhap/", {"username": "khong-ton-tai", "password": "doan-mo"})
    assert client.post("/tai-khoan/dang-nhap/", {"username": "khong-ton-tai", "password": "x"}).status_code == 429


def test_lockout_is_per_username_so_colleagues_can_still_log_in(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/tai-khoan/dang-nhap/", {"username": "nahang", "password": "doan-mo"})
    response = client.post("/tai-khoan/dang-nhap/", {"username": "sonduong", "password": "dvk-demo-2020"})
    assert response.status_code == 302
