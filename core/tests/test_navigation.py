"""The navigation bar per role: the daily destinations in the bar, the others grouped in menus; a
menu of one becomes a plain link; the current page is marked inside its menu."""

from accounts.scope import Scope
from core import navigation


def _bar(world, username, path="/"):
    return navigation.items_for(Scope.for_user(world.users[username]), path)


def _labels(entries):
    return [e["label"] + (" ▾" if "children" in e else "") for e in entries]


def test_provincial_staff_see_two_menus(world):
    entries = _bar(world, "tinh")
    assert _labels(entries) == [
        "Trang chủ", "Bảng điều khiển", "Kế hoạch", "Theo dõi, đôn đốc", "Đăng ký", "Gương, tin bài ▾", "Báo cáo", "Quản lý ▾",
    ]  # fmt: skip
    menus = {e["key"]: [c["label"] for c in e["children"]] for e in entries if "children" in e}
    assert menus["publishing"] == ["Gương điển hình", "Tin, bài", "Trang tin công khai"]
    assert menus["admin"] == ["Đơn vị", "Người dùng", "Sắp xếp đơn vị", "Nhắc hạn", "Nhật ký thư", "Nhật ký thay đổi"]


def test_a_cadre_gets_plain_links_not_menus_of_one(world):
    entries = _bar(world, "canbo")
    assert all("children" not in e for e in entries)
    assert [e["label"] for e in entries] == ["Trang chủ", "Kế hoạch", "Đăng ký", "Trang tin công khai"]


def test_the_current_page_marks_its_menu(world):
    entries = _bar(world, "tinh", "/thong-bao/nhat-ky-thu/")
    admin = next(e for e in entries if e.get("key") == "admin")
    assert admin["active"] and [c["label"] for c in admin["children"] if c["active"]] == ["Nhật ký thư"]
    assert not any(e["active"] for e in entries if e is not admin)


def test_an_unknown_group_is_refused():
    import pytest

    with pytest.raises(ValueError):
        navigation.register("X", "home", group="nowhere")
