"""Exports of the filtered list (.xlsx, .csv) and the import from the template (.xlsx)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from notifications.models import Notification
from registrations.exports import HEADERS
from registrations.models import Registration


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_xlsx_export_has_vietnamese_headers_real_dates_and_the_filter(client_for, make):
    make(kind="model", status="approved", title="Mô hình “Khu dân cư tự quản” ở thôn Tân Lập")
    make(unit="072", kind="content", status="submitted", title="Nội dung Na Hang")
    response = client_for("tinh").get(reverse("registrations:export_xlsx"), {"unit": "076"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="dang-ky-dan-van-kheo-2020-06-10.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("DANH SÁCH ĐĂNG KÝ “DÂN VẬN KHÉO”")
    assert "Đơn vị (gồm cấp dưới): Huyện Sơn Dương" in rows[1][0]
    assert list(rows[2]) == HEADERS
    data = rows[3:]
    assert len(data) == 1
    row = dict(zip(HEADERS, data[0], strict=True))
    assert row["Tên nội dung, việc làm, mô hình"] == "Mô hình “Khu dân cư tự quản” ở thôn Tân Lập"
    assert row["Loại"] == "Mô hình" and row["Đơn vị"] == "Huyện Sơn Dương" and row["Trạng thái"] == "Đã duyệt"
    assert row["Bắt đầu"] == dt.datetime(2020, 3, 1) and sheet.cell(row=4, column=10).number_format == "dd/mm/yyyy"
    assert row["Duyệt lúc"].date() == dt.date(2020, 6, 10)
    assert row["Cuộc vận động, phong trào"] == "Toàn dân đoàn kết xây dựng NTM, ĐTVM"


def test_an_export_only_holds_what_the_person_may_see(client_for, make):
    make(status="submitted", title="Việc của chị Mai")
    make(unit="072", kind="content", status="submitted", title="Nội dung Na Hang")
    sheet = load_workbook(io.BytesIO(_body(client_for("nahang").get(reverse("registrations:export_xlsx"))))).active
    titles = [r[3] for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert titles == ["Nội dung Na Hang"]


def test_csv_export_streams_utf8_with_a_bom(client_for, make):
    make(status="submitted", title="Vận động hộ nghèo nuôi ong")
    response = client_for("canbo").get(reverse("registrations:export_csv"))
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith('STT,Mã đăng ký,Loại,"Tên nội dung, việc làm, mô hình",Đơn vị')
    assert "Vận động hộ nghèo nuôi ong" in text and "1/3/2020" in text and "Phạm Thị Mai" in text


def test_exports_keep_a_formula_typed_as_a_title_inert(client_for, make):
    """CSV/formula injection: a title typed as "=HYPERLINK(…)" must open as text in a spreadsheet."""
    title = '=HYPERLINK("http://xau.example/x","Bấm vào đây")'
    make(status="submitted", title=title)
    text = _body(client_for("canbo").get(reverse("registrations:export_csv"))).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ',"=HYPERLINK' not in text
    workbook = load_workbook(io.BytesIO(_body(client_for("canbo").get(reverse("registrations:export_xlsx")))))
    cells = [c for row in workbook.active.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


# --- import ------------------------------------------------------------------------------------
def _xlsx(rows, headers=None) -> SimpleUploadedFile:
    from registrations.imports import TEMPLATE_HEADERS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or TEMPLATE_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("dang-ky.xlsx", buffer.getvalue())


def _row(code="02545", title="Mô hình vận động hiến đất", kind="Mô hình", start="1/3/2020", end="30/11/2020", field="Kinh tế",
         movements="Toàn dân đoàn kết xây dựng NTM, ĐTVM", areas=""):  # fmt: skip
    return [kind, code, title, "Mô tả", field, movements, start, end, "Lê Văn Hòa", "2 km đường", "Đường bê tông", "km", "2",
            areas, "thôn Tân Lập"]  # fmt: skip


def test_a_good_file_imports_every_row_as_drafts(client_for, world):
    rows = [
        _row(),
        _row(code="076", title="Nội dung của huyện", kind="Nội dung"),
        _row(title="Có ngày Excel", start=dt.datetime(2020, 4, 1)),
    ]
    response = client_for("sonduong").post(reverse("registrations:import"), {"file": _xlsx(rows)})
    assert response.status_code == 302
    created = Registration.objects.order_by("id")
    assert [(r.unit.code, r.kind, r.status) for r in created] == [("02545", "model", "draft"), ("076", "content", "draft"),
                                                                  ("02545", "model", "draft")]  # fmt: skip
    first = created[0]
    assert first.field.name == "Kinh tế" and first.starts_on == dt.date(2020, 3, 1) and first.area_note == "thôn Tân Lập"
    assert [(t.name, t.unit_of_measure, int(t.target_value)) for t in first.targets.all()] == [("Đường bê tông", "km", 2)]
    assert first.movements.get() == world.movements[0] and created[2].starts_on == dt.date(2020, 4, 1)


def test_import_can_submit_at_once_and_notifies_the_approvers(client_for, world):
    client_for("tinh").post(reverse("registrations:import"), {"file": _xlsx([_row()]), "submit": "on"})
    r = Registration.objects.get()
    assert r.status == "submitted" and r.unit.code == "02545" and r.transitions.get().by == world.users["tinh"]
    # The commune's registration waits for its district.
    assert Notification.objects.filter(kind="registration_submitted", recipient=world.users["sonduong"]).count() == 1


def test_bad_rows_are_each_reported_and_nothing_is_imported(client_for):
    rows = [
        _row(),
        _row(code="072", title="Ngoài phạm vi"),
        _row(start="31/02/2020"),
        _row(field="Thể thao"),
        _row(kind="Việc làm"),
        _row(start="1/6/2020", end="1/5/2020"),
        _row(movements="Phong trào không có"),
        _row(areas="02245"),
    ]
    response = client_for("sonduong").post(reverse("registrations:import"), {"file": _xlsx(rows)})
    assert response.status_code == 200 and not Registration.objects.exists()
    errors = response.context["errors"]
    assert [e.split(":")[0] for e in errors] == ["Dòng 3", "Dòng 4", "Dòng 5", "Dòng 6", "Dòng 7", "Dòng 8", "Dòng 9"]
    text = " ".join(errors)
    for expected in ("“072” không có hoặc không thuộc phạm vi", "“31/02/2020” không đúng dạng", "“Thể thao” không có trong danh mục",
                     "phải là Nội dung hoặc Mô hình", "sau hoặc trùng ngày bắt đầu", "“Phong trào không có”",
                     "địa bàn không thuộc đơn vị đăng ký: Xã Côn Lôn"):  # fmt: skip
        assert expected in text
    assert "Chưa nhập dòng nào" in response.content.decode()


def test_a_file_that_is_not_a_table_is_refused(client_for):
    from documents.tests.factories import png_upload

    response = client_for("sonduong").post(reverse("registrations:import"), {"file": png_upload()})
    assert "không phải bảng tính" in response.content.decode() and not Registration.objects.exists()


def test_the_template_imports_as_it_comes(client_for):
    response = client_for("sonduong").get(reverse("registrations:import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=1, column=1).value == "Loại (Nội dung/Mô hình)"
    upload = SimpleUploadedFile("mau.xlsx", response.content)
    assert client_for("sonduong").post(reverse("registrations:import"), {"file": upload}).status_code == 302
    assert Registration.objects.get().unit.code == "076"


@pytest.mark.parametrize("username", ["canbo", "quansat", "tuyengiao"])
def test_only_managers_import(client_for, username):
    assert client_for(username).get(reverse("registrations:import")).status_code == 403
