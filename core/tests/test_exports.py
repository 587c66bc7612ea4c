"""The one module every .csv and .xlsx goes through: inert cells, the CSV writer and responses, the
streaming .xlsx writer."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from core.exports import (
    BOLD,
    BOLD_WRAP,
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    StreamingXlsx,
    Styled,
    column_letter,
    csv_cell,
    csv_lines,
    csv_response,
    csv_streaming_response,
    inert_cell,
    xlsx_response,
)


def test_inert_cell_prefixes_only_what_a_spreadsheet_would_run():
    values = ("=1+1", "+84912", "-5", "@SUM(A1)", "\tx", "\r=1", "Dân vận khéo", "a=b", "", 12, -5, 2.5, Decimal("-1.5"), None)
    assert [inert_cell(v) for v in values] == [
        "'=1+1", "'+84912", "'-5", "'@SUM(A1)", "'\tx", "'\r=1", "Dân vận khéo", "a=b", "", 12, -5, 2.5, Decimal("-1.5"), None,
    ]  # fmt: skip


def test_inert_cell_reads_a_lazy_label():
    assert inert_cell(gettext_lazy("=Nhãn")) == "'=Nhãn"


def test_csv_cells_write_dates_the_vietnamese_way_and_leave_empty_cells_empty():
    assert csv_cell(None) == "" and csv_cell("") == "" and csv_cell(0) == 0
    assert csv_cell(dt.date(2020, 6, 9)) == "9/6/2020"
    assert csv_cell(dt.datetime(2020, 6, 9, 14, 30)) == "14:30 9/6/2020"


def test_csv_lines_start_with_one_byte_order_mark():
    lines = list(csv_lines([["Tên", "Số"], ['=HYPERLINK("x")', -3], ["", None]]))
    assert lines[0] == "\ufeffTên,Số\r\n"
    assert lines[1:] == ['"\'=HYPERLINK(""x"")",-3\r\n', ",\r\n"]
    assert list(csv_lines([])) == ["\ufeff"]


def test_csv_response_is_an_attachment_in_utf8_with_a_bom():
    response = csv_response([["Mã", "Đơn vị"], ["076", "Huyện Sơn Dương"]], filename="bang.csv")
    assert response["Content-Type"] == CSV_CONTENT_TYPE == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bang.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == [["Mã", "Đơn vị"], ["076", "Huyện Sơn Dương"]]


def test_a_streamed_csv_writes_its_labels_in_the_language_asked_for():
    def rows():
        yield [translation.get_language()]

    with translation.override("en"):
        response = csv_streaming_response(rows(), filename="x.csv", language="vi")
    assert response.streaming and response["Content-Type"] == CSV_CONTENT_TYPE
    assert b"".join(response.streaming_content).decode("utf-8-sig") == "vi\r\n"


def test_xlsx_response_takes_bytes_or_a_file():
    assert xlsx_response(b"PK", filename="a.xlsx")["Content-Type"] == XLSX_CONTENT_TYPE
    response = xlsx_response(io.BytesIO(b"PK"), filename="a.xlsx")
    assert response.streaming and 'filename="a.xlsx"' in response["Content-Disposition"]
    assert response["Content-Type"] == XLSX_CONTENT_TYPE


def test_the_streaming_writer_keeps_text_numbers_and_dates(tmp_path):
    assert [column_letter(i) for i in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    path = tmp_path / "x.xlsx"
    with path.open("wb") as handle:
        book = StreamingXlsx(handle, sheet_name="Đăng ký", widths=[10, 20, 12, 12, 8], freeze_rows=1)
        book.write_row(["Tên", "Ghi chú", "Ngày", "Lúc", "Số"], style=BOLD_WRAP)
        book.write_row(["Hòa & Hoà <b>", "chuông\x07 ẩn", dt.date(2020, 6, 10), dt.datetime(2020, 6, 10, 14, 30), 12.5])
        book.write_row([None, "", "sau ô trống"])
        book.close()
    sheet = load_workbook(path).active
    assert sheet.title == "Đăng ký" and sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet["A2"].value == "Hòa & Hoà <b>" and sheet["B2"].value == "chuông ẩn"
    assert sheet["C2"].value == dt.datetime(2020, 6, 10) and sheet["C2"].number_format == "dd/mm/yyyy"
    assert sheet["D2"].value == dt.datetime(2020, 6, 10, 14, 30) and sheet["D2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["E2"].value == 12.5 and sheet["C3"].value == "sau ô trống" and sheet["A3"].value is None


def test_the_streaming_writer_styles_single_cells_freezes_columns_and_takes_wide_rows():
    buffer = io.BytesIO()
    book = StreamingXlsx(buffer, sheet_name="Số liệu", widths=[5, 10], freeze_rows=3, freeze_cols=3)
    book.write_row(["Tổng", Styled(7, BOLD), *range(100)])
    book.close()
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet.freeze_panes == "D4"
    assert not sheet["A1"].font.b and sheet["B1"].font.b and sheet["B1"].value == 7
    assert sheet.cell(row=1, column=102).value == 99


def test_text_goes_out_as_text_never_as_a_formula():
    buffer = io.BytesIO()
    book = StreamingXlsx(buffer, sheet_name="x", widths=[])
    book.write_row(['=HYPERLINK("http://xau.example/x","Bấm")', gettext_lazy("Nhãn")])
    book.close()
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet["A1"].data_type == "s" and sheet["A1"].value.startswith("=HYPERLINK(")
    assert sheet["B1"].value == "Nhãn"
