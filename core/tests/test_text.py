import unicodedata

from core.text import fold, nfc, slugify_vi


def test_fold_removes_diacritics_and_case():
    assert fold("Dân vận khéo") == "dan van kheo"
    assert fold("ĐOÀN KẾT") == "doan ket"


def test_fold_unifies_both_tone_mark_placements():
    assert fold("Hòa") == fold("Hoà") == "hoa"


def test_fold_treats_decomposed_and_composed_text_alike():
    decomposed = unicodedata.normalize("NFD", "Nông thôn mới")
    assert fold(decomposed) == fold("Nông thôn mới") == "nong thon moi"


def test_fold_collapses_whitespace():
    assert fold("  Tân \t Trào \n") == "tan trao"


def test_nfc_composes():
    decomposed = unicodedata.normalize("NFD", "Sơn Dương")
    assert decomposed != "Sơn Dương"
    assert nfc(decomposed) == "Sơn Dương"


def test_slug_is_readable_vietnamese_derived():
    assert slugify_vi("Gương “Dân vận khéo” ở xã Tân Trào!") == "guong-dan-van-kheo-o-xa-tan-trao"


def test_lower_first_keeps_proper_names():
    from core.text import lower_first

    title = "Báo cáo sơ kết 6 tháng đầu năm 2020 (các xã, thị trấn huyện Sơn Dương)"
    assert lower_first(title) == "báo cáo sơ kết 6 tháng đầu năm 2020 (các xã, thị trấn huyện Sơn Dương)"
    assert lower_first("") == ""
