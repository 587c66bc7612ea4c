"""Managing people in the portal: lists by scope, creating accounts, importing a unit's cadres."""

import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts.models import Membership, User
from core.roles import Role


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("can-bo.xlsx", buffer.getvalue())


HEADER = ["Họ và tên", "E-mail hoặc tên đăng nhập", "Chức vụ", "Mã đơn vị"]


def test_district_officer_lists_only_people_of_own_subtree(client_for):
    html = client_for("sonduong").get("/tai-khoan/nguoi-dung/").content.decode()
    assert "Phạm Thị Mai" in html and "Lê Văn Hòa" in html
    assert "Ma Thị Lan" not in html and "Hoàng Thị Thanh Hương" not in html


def test_people_search_ignores_diacritics(client_for):
    html = client_for("tinh").get("/tai-khoan/nguoi-dung/", {"q": "pham thi mai"}).content.decode()
    assert "Phạm Thị Mai" in html and "Ma Thị Lan" not in html


def test_people_list_runs_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    client = client_for("tinh")
    client.get("/tai-khoan/nguoi-dung/")
    for i in range(30):
        user = User.objects.create(username=f"cb{i}", full_name=f"Cán bộ {i}")
        Membership.objects.create(user=user, unit=world.units["072"], role=Role.CADRE)
    with django_assert_max_num_queries(12):
        assert client.get("/tai-khoan/nguoi-dung/").status_code == 200


def test_officer_creates_an_account_with_email_and_an_invitation_is_sent(client_for, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("sonduong").post(
            "/tai-khoan/nguoi-dung/them/",
            {
                "full_name": "Hà Văn Tâm",
                "username": "havantam",
                "email": "tam@example.vn",
                "unit": "02545",
                "role": "officer",
                "position": "Phó Chủ tịch",
            },
        )
    assert response.status_code == 200
    assert "Đã gửi thư mời tới tam@example.vn" in response.content.decode()
    user = User.objects.get(username="havantam")
    assert not user.has_usable_password()
    assert user.memberships.get().unit.code == "02545"
    assert mail.outbox[0].to == ["tam@example.vn"] and "/tai-khoan/dat-mat-khau/" in mail.outbox[0].body


def test_account_without_email_gets_a_temporary_password_shown_once(client_for):
    response = client_for("sonduong").post(
        "/tai-khoan/nguoi-dung/them/",
        {"full_name": "Lý Thị Thu", "username": "lythithu", "email": "", "unit": "076", "role": "cadre"},
    )
    user = User.objects.get(username="lythithu")
    html = response.content.decode()
    assert user.must_change_password
    temp = html.split('class="temp-password">')[1].split("<")[0]
    assert user.check_password(temp)


def test_officer_cannot_create_an_account_in_another_district(client_for):
    response = client_for("sonduong").post(
        "/tai-khoan/nguoi-dung/them/",
        {"full_name": "X", "username": "xx", "unit": "072", "role": "cadre"},
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode() or "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="xx").exists()


def test_officer_cannot_grant_provincial_staff(client_for):
    response = client_for("sonduong").post(
        "/tai-khoan/nguoi-dung/them/",
        {"full_name": "X", "username": "xx", "unit": "076", "role": "province_staff"},
    )
    assert "không được cấp vai trò này" in response.content.decode()
    assert not User.objects.filter(username="xx").exists()


def test_duplicate_username_is_refused_in_vietnamese(client_for):
    response = client_for("tinh").post(
        "/tai-khoan/nguoi-dung/them/", {"full_name": "X", "username": "canbo", "unit": "076", "role": "cadre"}
    )
    assert "Tên đăng nhập này đã có người dùng." in response.content.decode()


def test_import_cadres_from_xlsx_creates_every_row(client_for):
    upload = _xlsx(
        [HEADER, ["Nguyễn Văn Bình", "binh@example.vn", "Ủy viên", "02545"], ["Trần Thị Cúc", "tranthicuc", "Cán bộ", "076"]]
    )
    response = client_for("sonduong").post("/tai-khoan/nguoi-dung/nhap/", {"file": upload})
    assert response.status_code == 200
    assert "Đã tạo 2 tài khoản" in response.content.decode()
    binh = User.objects.get(email="binh@example.vn")
    assert binh.username == "binh" and binh.memberships.get().role == Role.CADRE
    assert User.objects.get(username="tranthicuc").must_change_password


def test_import_with_a_bad_row_reports_each_and_imports_nothing(client_for):
    upload = _xlsx(
        [
            HEADER,
            ["Nguyễn Văn Bình", "binh@example.vn", "Ủy viên", "02545"],
            ["", "khong-ten", "", "076"],
            ["Ma Văn Nam", "manam", "", "072"],
            ["Lò Thị Hoa", "binh@example.vn", "", "076"],
        ]
    )
    response = client_for("sonduong").post("/tai-khoan/nguoi-dung/nhap/", {"file": upload})
    html = response.content.decode()
    assert "Dòng 3: thiếu họ và tên" in html
    assert "Dòng 4: mã đơn vị “072” không có hoặc không thuộc phạm vi của bạn" in html
    assert "Dòng 5: trùng với dòng 2" in html
    assert not User.objects.filter(email="binh@example.vn").exists()


def test_import_from_csv_with_bom_and_semicolons(client_for):
    data = ("\ufeff" + ";".join(HEADER) + "\nĐinh Văn Hải;dinhhai;Cán bộ;076\n").encode("utf-8")
    response = client_for("sonduong").post("/tai-khoan/nguoi-dung/nhap/", {"file": SimpleUploadedFile("ds.csv", data)})
    assert "Đã tạo 1 tài khoản" in response.content.decode()
    assert User.objects.get(username="dinhhai").full_name == "Đinh Văn Hải"


def test_import_refuses_a_file_that_is_not_a_table(client_for):
    fake = SimpleUploadedFile("ds.xlsx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    response = client_for("sonduong").post("/tai-khoan/nguoi-dung/nhap/", {"file": fake})
    assert "không phải bảng tính" in response.content.decode()


def test_import_refuses_a_broken_xlsx(client_for):
    good = _xlsx([HEADER]).read()
    broken = SimpleUploadedFile("ds.xlsx", good[: len(good) // 2])
    response = client_for("sonduong").post("/tai-khoan/nguoi-dung/nhap/", {"file": broken})
    html = response.content.decode()
    assert "bị hỏng" in html or "không phải bảng tính" in html


def test_import_template_downloads_as_xlsx(client_for):
    response = client_for("sonduong").get("/tai-khoan/nguoi-dung/nhap/mau.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_locking_a_role_removes_access(client_for, world):
    membership = world.users["tantrao"].memberships.get()
    response = client_for("sonduong").post(f"/tai-khoan/vai-tro/{membership.pk}/trang-thai/", {"active": "0"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert membership.history.count() == 2  # the change is in the audit trail


def test_nobody_locks_their_own_role(client_for, world):
    membership = world.users["sonduong"].memberships.get()
    client_for("sonduong").post(f"/tai-khoan/vai-tro/{membership.pk}/trang-thai/", {"active": "0"})
    membership.refresh_from_db()
    assert membership.is_active
