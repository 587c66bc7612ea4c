"""import_units and the 2025 map: two levels, phường and đặc khu, tone-mark spellings, departments
that survive --close-missing, the national and the provincial move from the 2020 tree."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from units.models import Unit
from units.names import same_name, tone_placement_key, with_kind_prefix_capitalised
from units.services import UnitImportError, units_import

DATA = Path(__file__).resolve().parents[1] / "data"
HEADER = "code,name,level,parent_code\n"
REFORM = dt.date(2025, 7, 1)


def _import(text: str, **kwargs):
    return units_import(data=text.encode("utf-8"), **kwargs)


def _rows(filename: str) -> dict[str, dict]:
    with open(DATA / filename, encoding="utf-8", newline="") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def _department(code: str, parent: Unit, name: str = "Ban Tuyên giáo", **kwargs) -> Unit:
    return Unit.objects.create(
        code=code,
        name=name,
        level=Unit.Level.DEPARTMENT,
        kind=Unit.Kind.DEPARTMENT,
        parent=parent,
        path=f"{parent.path}{code}/",
        depth=parent.depth + 1,
        **kwargs,
    )


def _snapshot(qs):
    return list(
        qs.order_by("pk").values_list("pk", "code", "name", "level", "kind", "parent_id", "path", "valid_from", "valid_to")
    )


# --- levels and kinds ---------------------------------------------------------------------------------
def test_ward_and_special_zone_are_commune_level_units_with_their_kind(db):
    result = _import(
        HEADER + "79,Thành phố Hồ Chí Minh,province,\n"
        "26734,Phường Sài Gòn,ward,79\n"
        "27043,Xã Bình Chánh,commune,79\n"
        "26732,Đặc khu Côn Đảo,special_zone,79\n"
    )
    assert result.created == 4
    units = {u.code: u for u in Unit.objects.all()}
    assert units["79"].kind == Unit.Kind.MUNICIPALITY
    assert {units[c].level for c in ("26734", "27043", "26732")} == {Unit.Level.COMMUNE}
    assert (units["26734"].kind, units["27043"].kind, units["26732"].kind) == ("ward", "commune", "special_zone")
    assert Unit.objects.filter(level=Unit.Level.COMMUNE).count() == 3  # what other apps filter on
    con_dao = units["26732"]
    assert con_dao.get_kind_display() == "Đặc khu"
    assert con_dao.short_name == "Côn Đảo"
    assert con_dao.name_in_sentence == "đặc khu Côn Đảo"
    assert con_dao.committee_name == "Ủy ban MTTQ đặc khu Côn Đảo"
    assert units["26734"].name_in_sentence == "phường Sài Gòn"
    assert con_dao.path == "/79/26732/" and con_dao.parent == units["79"]


def test_the_2025_national_file_gives_34_provinces_and_3321_commune_level_units(db):
    result = units_import(data=(DATA / "vn_units_2025.csv").read_bytes())
    assert result.created == 3355
    assert Unit.objects.filter(level="province").count() == 34
    assert Unit.objects.filter(level="commune").count() == 3321
    assert Unit.objects.filter(level="district").count() == 0
    kinds = {k: Unit.objects.filter(kind=k).count() for k in ("commune", "ward", "special_zone")}
    assert kinds == {"commune": 2621, "ward": 687, "special_zone": 13}
    assert set(Unit.objects.filter(level="commune").values_list("depth", flat=True)) == {1}


def test_a_lower_case_type_word_is_imported_written_as_the_official_names(db):
    result = _import(HEADER + "20,Tỉnh Lạng Sơn,province,\n06325,xã Bắc Sơn,commune,20\n")
    bac_son = Unit.objects.get(code="06325")
    assert (bac_son.name, bac_son.kind, bac_son.short_name) == ("Xã Bắc Sơn", "commune", "Bắc Sơn")
    assert result.notes == ["Dòng 3: tên “xã Bắc Sơn” được ghi là “Xã Bắc Sơn” (viết hoa chữ đầu của loại đơn vị)."]


def test_type_words_are_capitalised_only_at_the_start():
    assert with_kind_prefix_capitalised("xã Bắc Sơn") == "Xã Bắc Sơn"
    assert with_kind_prefix_capitalised("Thành Phố Bắc Kạn") == "Thành phố Bắc Kạn"
    assert with_kind_prefix_capitalised("đặc khu Phú Quốc") == "Đặc khu Phú Quốc"
    assert with_kind_prefix_capitalised("Xã Phường Xá") == "Xã Phường Xá"
    assert with_kind_prefix_capitalised("Xãhội") == "Xãhội"


# --- tone-mark placement ------------------------------------------------------------------------------
def _tone_only_pairs():
    old, new = _rows("vn_units_2025.csv"), _rows("vn_units_2026.csv")
    return [
        (old[c]["name"], new[c]["name"])
        for c in old
        if old[c]["name"] != new[c]["name"] and same_name(old[c]["name"], new[c]["name"])
    ]


def test_every_tone_only_difference_between_the_2025_and_2026_files_is_the_same_name():
    pairs = _tone_only_pairs()
    assert len(pairs) == 192  # SOURCES.md: 192 names differ only in where the tone mark sits
    assert ("Xã Chiêm Hóa", "Xã Chiêm Hoá") in pairs
    assert ("Xã Sơn Thủy", "Xã Sơn Thuỷ") in pairs
    assert ("Phường Yên Hòa", "Phường Yên Hoà") in pairs
    assert ("Xã Điềm Thụy", "Xã Điềm Thuỵ") in pairs


@pytest.mark.parametrize(
    "a, b",
    [("Xã Hòa An", "Xã Hoà An"), ("Xã Định Hóa", "Xã Định Hoá"), ("Xã Đàm Thủy", "Xã Đàm Thuỷ"), ("Khóa", "Khoá"),
     ("Xã Hòe", "Xã Hoè"), ("Tùy", "Tuỳ"), ("Xã Thụy Hùng", "Xã Thuỵ Hùng"), ("ÚY", "UÝ")],
)  # fmt: skip
def test_tone_mark_placement_is_not_a_difference(a, b):
    assert same_name(a, b) and tone_placement_key(a) == tone_placement_key(b)


@pytest.mark.parametrize(
    "a, b",
    [("Xã Hòa An", "Xã Hóa An"), ("Khoa", "Khóa"), ("Xã Phó Bảng", "Xã Phố Bảng"), ("Thủy", "Thùy"), ("Hoàn", "Hoan"),
     ("Xã Tân Trào", "Xã Tân Trao")],
)  # fmt: skip
def test_other_diacritics_still_make_another_name(a, b):
    assert not same_name(a, b)


def test_the_2026_map_on_the_2025_one_versions_only_real_changes(db):
    units_import(data=(DATA / "vn_units_2025.csv").read_bytes(), valid_from=REFORM)
    before = {u.code: u for u in Unit.objects.all()}
    result = units_import(data=(DATA / "vn_units_2026.csv").read_bytes(), valid_from=dt.date(2026, 4, 30), close_missing=True)
    dong_nai = sum(1 for r in _rows("vn_units_2025.csv").values() if r["parent_code"] == "75")
    # Phó Bảng → Phố Bảng; Đồng Nai became a city, so it and every unit under it get a new version.
    assert result.versioned == 1 + 1 + dong_nai
    assert (result.created, result.closed, result.unchanged) == (0, 0, 3355 - 2 - dong_nai)
    assert Unit.objects.count() == 3355 + result.versioned
    # A tone-only difference: the same row, the stored name as it was.
    chiem_hoa = Unit.objects.open().get(code="02287")
    assert chiem_hoa.pk == before["02287"].pk and chiem_hoa.name == "Xã Chiêm Hóa"
    bac_son = Unit.objects.open().get(code="06325")
    assert bac_son.pk == before["06325"].pk and bac_son.name == "Xã Bắc Sơn"
    pho_bang = Unit.objects.open().get(code="00745")
    assert pho_bang.name == "Xã Phố Bảng" and pho_bang.valid_from == dt.date(2026, 4, 30)
    assert Unit.objects.valid_on(dt.date(2025, 8, 1)).get(code="00745").name == "Xã Phó Bảng"
    lo_ninh = Unit.objects.open().get(code="25270")
    assert (lo_ninh.kind, lo_ninh.parent.name) == ("ward", "Thành phố Đồng Nai")


# --- refusals -----------------------------------------------------------------------------------------
def test_an_unknown_level_is_refused_naming_the_line_and_the_accepted_levels(db):
    with pytest.raises(UnitImportError) as excinfo:
        _import(HEADER + "08,Tỉnh Tuyên Quang,province,\n02545,Xã Tân Trào,commune,08\n02215,Phường Minh Xuân,phuong,08\n")
    message = str(excinfo.value)
    assert "Không nhập được tệp đơn vị; chưa có gì được ghi." in message
    assert (
        "Dòng 4: cấp “phuong” không hợp lệ; các cấp được nhận: "
        "central, province, district, commune, ward, special_zone, department." in message
    )
    assert Unit.objects.count() == 0


@pytest.mark.parametrize(
    "body, expected",
    [
        ("08,Tỉnh Tuyên Quang,province,\n02215,Phường Minh Xuân,ward,08\n02545,Xã Tân Trào,commune,02215\n",
         "Dòng 4: đơn vị 02545 (commune) không thể trực thuộc 02215 (ward)"),
        ("79,Thành phố Hồ Chí Minh,province,\n26732,Đặc khu Côn Đảo,special_zone,79\n26734,Phường Sài Gòn,ward,26732\n",
         "Dòng 4: đơn vị 26734 (ward) không thể trực thuộc 26732 (special_zone)"),
        ("08,Tỉnh Tuyên Quang,province,\n02215,Phường Minh Xuân,ward,\n",
         "Dòng 3: đơn vị 02215 (ward) phải có đơn vị cấp trên"),
        ("08,Tỉnh Tuyên Quang,province,\n02215,Phường Minh Xuân,ward,08\n09,Tỉnh X,province,02215\n",
         "Dòng 4: đơn vị 09 (province) không thể trực thuộc 02215 (ward)"),
    ],
)  # fmt: skip
def test_a_row_under_a_parent_of_the_wrong_level_is_refused(db, body, expected):
    with pytest.raises(UnitImportError) as excinfo:
        _import(HEADER + body)
    assert expected in str(excinfo.value)
    assert Unit.objects.count() == 0


def test_a_refused_2025_file_leaves_the_2020_tree_as_it_was(db):
    units_import(data=(DATA / "tuyen_quang_2020.csv").read_bytes())
    before = _snapshot(Unit.objects.all())
    text = (DATA / "tuyen_quang_2025.csv").read_text(encoding="utf-8") + "99999,Xã Lạ,hamlet,08\n"
    with pytest.raises(UnitImportError, match="Dòng 127: cấp “hamlet” không hợp lệ"):
        _import(text, valid_from=REFORM, close_missing=True)
    assert _snapshot(Unit.objects.all()) == before


# --- what the file does not list ---------------------------------------------------------------------
@pytest.fixture
def tuyen_quang_2020(db):
    units_import(data=(DATA / "tuyen_quang_2020.csv").read_bytes())
    return _department("08-BTG", Unit.objects.get(code="08"))


def test_the_provincial_move_to_the_2025_map(tuyen_quang_2020):
    before_2020 = _snapshot(Unit.objects.exclude(level="department"))
    old_tan_trao = Unit.objects.get(code="02545")
    call_command(
        "import_units", str(DATA / "tuyen_quang_2025.csv"), "--valid-from", "2025-07-01", "--close-missing", stdout=io.StringIO()
    )
    province = Unit.objects.open().get(code="08")
    open_units = Unit.objects.open()
    # The open tree: the province → 124 commune-level units (117 xã, 7 phường) and its department.
    assert set(open_units.values_list("level", flat=True)) == {"province", "commune", "department"}
    assert open_units.filter(level="commune", parent=province).count() == 124 == open_units.filter(level="commune").count()
    assert open_units.filter(kind="commune").count() == 117 and open_units.filter(kind="ward").count() == 7
    department = open_units.get(code="08-BTG")
    assert department.pk == tuyen_quang_2020.pk and department.parent == province and department.valid_to is None
    assert open_units.count() == 1 + 124 + 1
    # The 2020 rows are all still there, closed on 1 July 2025, with their paths and parents.
    after_2020 = {row[0]: row for row in _snapshot(Unit.objects.filter(pk__in=[r[0] for r in before_2020]))}
    assert len(after_2020) == 146
    for row in before_2020:
        pk, code, *same, valid_from, valid_to = row
        expected_to = None if code == "08" else REFORM
        assert after_2020[pk] == (pk, code, *same, valid_from, expected_to)
    # Xã Tân Trào: a 2020 row under Huyện Sơn Dương, a 2025 row right under the province.
    tan_trao = list(Unit.objects.filter(code="02545").order_by("valid_from"))
    assert [t.pk for t in tan_trao][:1] == [old_tan_trao.pk] and len(tan_trao) == 2
    assert (tan_trao[0].parent.code, tan_trao[0].path, tan_trao[0].valid_to) == ("076", "/08/076/02545/", REFORM)
    assert (tan_trao[1].parent, tan_trao[1].path, tan_trao[1].valid_from, tan_trao[1].valid_to) == (
        province,
        "/08/02545/",
        REFORM,
        None,
    )
    # Each date reads its own tree.
    in_2020 = Unit.objects.valid_on(dt.date(2020, 6, 1))
    assert set(in_2020.values_list("pk", flat=True)) == {r[0] for r in before_2020} | {department.pk}
    assert in_2020.filter(level="district").count() == 7 and in_2020.filter(level="commune").count() == 138
    in_2026 = Unit.objects.valid_on(dt.date(2026, 6, 1))
    assert set(in_2026.values_list("pk", flat=True)) == set(open_units.values_list("pk", flat=True))
    assert in_2026.filter(level="district").count() == 0
    # The ancestors of each row are the rows of its own time.
    assert [a.pk for a in tan_trao[0].ancestors()] == [province.pk, Unit.objects.get(code="076").pk]
    assert [a.pk for a in tan_trao[1].ancestors()] == [province.pk]


def test_importing_the_2025_map_again_changes_nothing(tuyen_quang_2020):
    units_import(data=(DATA / "tuyen_quang_2025.csv").read_bytes(), valid_from=REFORM, close_missing=True)
    before = _snapshot(Unit.objects.all())
    again = units_import(data=(DATA / "tuyen_quang_2025.csv").read_bytes(), valid_from=REFORM, close_missing=True)
    assert (again.created, again.versioned, again.closed, again.unchanged) == (0, 0, 0, 125)
    assert _snapshot(Unit.objects.all()) == before


def test_a_later_import_never_rewrites_a_past_row(tuyen_quang_2020):
    units_import(data=(DATA / "tuyen_quang_2025.csv").read_bytes(), valid_from=REFORM, close_missing=True)
    closed = _snapshot(Unit.objects.filter(valid_to__isnull=False))
    text = (DATA / "tuyen_quang_2025.csv").read_text(encoding="utf-8").replace("Xã Tân Trào,", "Xã Tân Trào Mới,")
    result = _import(text.replace("Xã Chiêm Hóa,", "Xã Chiêm Hoá,"), valid_from=dt.date(2026, 1, 1), close_missing=True)
    assert (result.versioned, result.unchanged) == (1, 124)
    assert _snapshot(Unit.objects.filter(pk__in=[r[0] for r in closed])) == closed
    assert Unit.objects.filter(code="02545").count() == 3


def test_departments_follow_a_parent_that_gets_a_new_version_or_closes(tuyen_quang_2020):
    district_department = _department("076-BTG", Unit.objects.get(code="076"))
    units_import(data=(DATA / "tuyen_quang_2025.csv").read_bytes(), valid_from=REFORM, close_missing=True)
    district_department.refresh_from_db()
    assert district_department.valid_to == REFORM  # Huyện Sơn Dương closed: so did its board
    text = (DATA / "tuyen_quang_2025.csv").read_text(encoding="utf-8").replace("08,Tỉnh Tuyên Quang,", "08,Tỉnh Tuyên Quang Mới,")
    result = _import(text, valid_from=dt.date(2026, 1, 1), close_missing=True)
    assert (result.versioned, result.closed) == (1 + 124 + 1, 0)
    new_department = Unit.objects.open().get(code="08-BTG")
    assert new_department.pk != tuyen_quang_2020.pk
    assert (new_department.name, new_department.level, new_department.parent.name) == (
        "Ban Tuyên giáo",
        "department",
        "Tỉnh Tuyên Quang Mới",
    )
    tuyen_quang_2020.refresh_from_db()
    assert tuyen_quang_2020.valid_to == dt.date(2026, 1, 1) and tuyen_quang_2020.parent.valid_to == dt.date(2026, 1, 1)


def test_a_department_newer_than_the_import_date_is_reported_not_moved(tuyen_quang_2020):
    _department("08-BDV", Unit.objects.get(code="08"), name="Ban Dân vận", valid_from=dt.date(2025, 9, 1))
    text = HEADER + "08,Tỉnh Tuyên Quang Mới,province,\n"
    with pytest.raises(UnitImportError, match="Đơn vị 08-BDV .không có trong tệp. hiệu lực từ 01/09/2025"):
        _import(text, valid_from=dt.date(2025, 8, 1))
    assert Unit.objects.open().get(code="08").name == "Tỉnh Tuyên Quang"


def test_close_missing_keeps_what_lies_outside_the_files_provinces(tuyen_quang_2020):
    _import(HEADER + "02,Tỉnh Hà Giang,province,\n024,Thành phố Hà Giang,district,02\n00691,Phường Quang Trung,commune,024\n")
    result = units_import(data=(DATA / "tuyen_quang_2025.csv").read_bytes(), valid_from=REFORM, close_missing=True)
    # The districts and the 2020 communes whose code the file does not list (51 codes live on).
    assert (result.closed, result.versioned) == (7 + 138 - 51, 51 + 1)
    assert Unit.objects.open().get(code="02").valid_from == dt.date(2020, 1, 1)
    assert Unit.objects.open().get(code="024").parent.code == "02"
    # 00691 is in the file: a new version under Tuyên Quang (its old province is outside the file).
    assert Unit.objects.open().get(code="00691").parent.code == "08"


# --- the national deployment -------------------------------------------------------------------------
def test_the_national_move_to_the_2025_map_in_one_command(db):
    _import(HEADER + "VN,Ủy ban Trung ương MTTQ Việt Nam,central,\n")
    call_command("import_units", str(DATA / "vn_units_2020.csv"), root="VN", stdout=io.StringIO())
    central = Unit.objects.get(code="VN")
    hue_board = _department("46-BTG", Unit.objects.get(code="46"))  # Thừa Thiên Huế → Thành phố Huế
    ha_giang_board = _department("02-BTG", Unit.objects.get(code="02"))  # Hà Giang → part of Tuyên Quang
    tuyen_quang_board = _department("08-BTG", Unit.objects.get(code="08"))
    out = io.StringIO()
    call_command(
        "import_units",
        str(DATA / "vn_units_2025.csv"),
        "--root",
        "VN",
        "--valid-from",
        "2025-07-01",
        "--close-missing",
        stdout=out,
    )
    old, new = _rows("vn_units_2020.csv"), _rows("vn_units_2025.csv")
    open_units = Unit.objects.open()
    assert open_units.get(code="VN").pk == central.pk
    assert open_units.filter(level="province", parent=central).count() == 34 == open_units.filter(level="province").count()
    assert open_units.filter(level="commune").count() == 3321
    assert open_units.filter(level="commune", parent__level="province").count() == 3321
    assert not open_units.filter(level="district").exists()
    # The 2020 provinces that no longer exist and every district closed on 1 July 2025.
    gone = {c for c, r in old.items() if r["level"] == "province"} - set(new)
    assert len(gone) == 29
    assert set(Unit.objects.filter(level="province", valid_to=REFORM).values_list("code", flat=True)) >= gone
    assert Unit.objects.filter(level="district", valid_to=REFORM).count() == 707
    # A code that survives with another parent (or name) has a 2020 row and a 2025 row.
    survivors = [c for c in new if c in old and new[c]["level"] != "province"]
    assert len(survivors) == 3314
    assert Unit.objects.filter(code__in=survivors, valid_to=REFORM).count() == 3314
    assert Unit.objects.filter(code__in=survivors, valid_from=REFORM, valid_to__isnull=True).count() == 3314
    assert Unit.objects.valid_on(dt.date(2020, 6, 1)).count() == 1 + 11384 + 3
    assert Unit.objects.valid_on(dt.date(2026, 6, 1)).filter(level__in=["province", "commune"]).count() == 3355
    # Departments: kept under a province that stays, moved under a renamed one, closed with a closed one.
    assert open_units.get(code="08-BTG").pk == tuyen_quang_board.pk
    assert open_units.get(code="46-BTG").parent.name == "Thành phố Huế" and open_units.get(code="46-BTG").pk != hue_board.pk
    ha_giang_board.refresh_from_db()
    assert ha_giang_board.valid_to == REFORM
    assert "đơn vị hết hiệu lực" in out.getvalue()
