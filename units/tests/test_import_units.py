"""manage.py import_units: the tree, all-or-nothing errors naming the line, re-import, two levels."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from units.models import Unit
from units.services import UnitImportError, units_import

DATA = Path(__file__).resolve().parents[1] / "data"
HEADER = "code,name,level,parent_code\n"


def _import(text: str, **kwargs):
    return units_import(data=text.encode("utf-8"), **kwargs)


@pytest.fixture
def tuyen_quang(db):
    return units_import(data=(DATA / "tuyen_quang_2020.csv").read_bytes())


def test_tuyen_quang_file_gives_one_province_seven_districts_138_communes(tuyen_quang):
    assert tuyen_quang.created == 146
    assert Unit.objects.filter(level="province").count() == 1
    assert Unit.objects.filter(level="district").count() == 7
    assert Unit.objects.filter(level="commune").count() == 138
    assert Unit.objects.filter(kind="ward").count() == 10
    assert Unit.objects.filter(kind="township").count() == 4
    assert Unit.objects.get(code="070").kind == "city"


def test_subtree_is_one_query_and_matches_the_parent_links(tuyen_quang, django_assert_num_queries):
    son_duong = Unit.objects.get(code="076")
    with django_assert_num_queries(1):
        codes = set(Unit.objects.subtree(son_duong).values_list("code", flat=True))
    assert len(codes) == 1 + 31
    assert codes == {"076"} | set(son_duong.children.values_list("code", flat=True))
    tan_trao = Unit.objects.get(code="02545")
    assert tan_trao.path == "/08/076/02545/"
    assert [a.code for a in tan_trao.ancestors()] == ["08", "076"]
    assert tan_trao.is_within(son_duong) and not son_duong.is_within(tan_trao)


def test_names_for_sentences_and_committees(tuyen_quang):
    assert Unit.objects.get(code="076").name_in_sentence == "huyện Sơn Dương"
    assert Unit.objects.get(code="076").committee_name == "Ủy ban MTTQ huyện Sơn Dương"
    assert Unit.objects.get(code="02545").short_name == "Tân Trào"


def test_reimporting_the_same_file_changes_nothing(tuyen_quang):
    before = list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "path", "valid_from", "valid_to"))
    again = units_import(data=(DATA / "tuyen_quang_2020.csv").read_bytes())
    assert (again.created, again.versioned, again.unchanged) == (0, 0, 146)
    assert list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "path", "valid_from", "valid_to")) == before


def test_national_file_imports_every_unit(db):
    result = units_import(data=(DATA / "vn_units_2020.csv").read_bytes())
    assert result.created == 11384
    assert Unit.objects.filter(level="province").count() == 63
    assert Unit.objects.filter(level="district").count() == 707
    assert Unit.objects.filter(level="commune").count() == 10614


@pytest.mark.parametrize(
    "body, expected",
    [
        ("08,Tỉnh Tuyên Quang,province,\n99001,Xã Mới,commune,777\n", "Dòng 3: đơn vị cấp trên “777”"),
        ("08,Tỉnh Tuyên Quang,province,\n08,Tỉnh Khác,province,\n", "Dòng 3: mã 08 trùng với dòng 2"),
        ("08,Tỉnh Tuyên Quang,province,\n076,Huyện Sơn Dương,county,08\n", "Dòng 3: cấp “county” không hợp lệ"),
        ("08,Tỉnh Tuyên Quang,province,\n076,,district,08\n", "Dòng 3: đơn vị 076 không có tên"),
        ("08,Tỉnh Tuyên Quang,province,\n076,Huyện Sơn Dương,district,08,extra\n", "Dòng 3: cần 4 cột"),
        (
            "08,Tỉnh Tuyên Quang,province,\n076,Huyện Sơn Dương,district,\n",
            "Dòng 3: đơn vị 076 (district) phải có đơn vị cấp trên",
        ),
        (
            "08,Tỉnh Tuyên Quang,province,\n076,Huyện Sơn Dương,district,08\n077,Huyện X,district,076\n",
            "Dòng 4: đơn vị 077 (district) không thể trực thuộc 076",
        ),
    ],
)
def test_a_bad_row_aborts_with_its_line_and_nothing_is_imported(db, body, expected):
    with pytest.raises(UnitImportError) as excinfo:
        _import(HEADER + body)
    assert expected in str(excinfo.value)
    assert Unit.objects.count() == 0


def test_wrong_encoding_names_the_line(db):
    data = (HEADER + "08,Tỉnh Tuyên Quang,province,\n").encode("utf-8") + "076,Huyén Son Duong,district,08\n".encode("latin-1")
    with pytest.raises(UnitImportError) as excinfo:
        units_import(data=data)
    assert "Dòng 3: không phải mã UTF-8" in str(excinfo.value)
    assert Unit.objects.count() == 0


def test_wrong_header_is_refused(db):
    with pytest.raises(UnitImportError, match="Dòng 1: tiêu đề"):
        _import("ma,ten,cap,cha\n08,Tỉnh Tuyên Quang,province,\n")


def test_command_reports_problems_and_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "08,Tỉnh Tuyên Quang,province,\n02545,Xã Tân Trào,commune,076\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 3"):
        call_command("import_units", str(bad))
    assert Unit.objects.count() == 0


def test_two_level_tree_communes_directly_under_the_province(db):
    _import(HEADER + "08,Tỉnh Tuyên Quang,province,\n02545,Xã Tân Trào,commune,08\n02236,Phường Minh Xuân,commune,08\n")
    province = Unit.objects.get(code="08")
    assert set(province.children.values_list("code", flat=True)) == {"02545", "02236"}
    assert Unit.objects.get(code="02545").path == "/08/02545/"
    assert Unit.objects.filter(level="district").count() == 0


def test_reform_of_2025_versions_the_changed_units_and_keeps_history(tuyen_quang):
    old_tan_trao = Unit.objects.get(code="02545")
    result = _import(
        HEADER + "08,Tỉnh Tuyên Quang,province,\n02545,Xã Tân Trào,commune,08\n",
        valid_from=dt.date(2025, 7, 1),
        close_missing=True,
    )
    assert result.versioned == 1 and result.unchanged == 1
    new_tan_trao = Unit.objects.open().get(code="02545")
    assert new_tan_trao.pk != old_tan_trao.pk and new_tan_trao.parent.code == "08"
    old_tan_trao.refresh_from_db()
    assert old_tan_trao.valid_to == dt.date(2025, 7, 1)
    assert Unit.objects.open().filter(level="district").count() == 0
    assert Unit.objects.valid_on(dt.date(2020, 6, 10)).filter(level="district").count() == 7
    assert Unit.objects.valid_on(dt.date(2025, 8, 1)).count() == 2


def test_a_change_without_a_later_valid_from_is_refused(tuyen_quang):
    with pytest.raises(UnitImportError, match="Dòng 3: đơn vị 076 đã có với thông tin khác"):
        _import(HEADER + "08,Tỉnh Tuyên Quang,province,\n076,Huyện Sơn Dương Mới,district,08\n")
    assert Unit.objects.get(code="076").name == "Huyện Sơn Dương"


def test_a_national_tree_puts_the_provinces_under_the_central_committee(db):
    _import(HEADER + "VN,Ủy ban Trung ương MTTQ Việt Nam,central,\n")
    result = units_import(data=(DATA / "tuyen_quang_2020.csv").read_bytes(), root_code="VN")
    assert result.created == 146
    central = Unit.objects.get(code="VN")
    assert Unit.objects.get(code="08").parent == central
    assert Unit.objects.get(code="02545").path == "/VN/08/076/02545/"
    assert Unit.objects.subtree(central).count() == 147
    assert central.committee_name == "Ủy ban Trung ương MTTQ Việt Nam"


def test_the_root_must_be_an_existing_central_unit(db):
    with pytest.raises(UnitImportError, match="Không có đơn vị trung ương mã “VN”"):
        units_import(data=(DATA / "tuyen_quang_2020.csv").read_bytes(), root_code="VN")


def test_a_province_cannot_sit_under_a_district(db):
    with pytest.raises(UnitImportError, match="không thể trực thuộc"):
        _import(HEADER + "08,Tỉnh Tuyên Quang,province,\n076,Huyện Sơn Dương,district,08\n09,Tỉnh X,province,076\n")
