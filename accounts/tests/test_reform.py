"""The reform page: after the 2025 map (two levels) is imported on the 2020 tree, the people still
holding roles at closed units are moved to the unit that kept their unit's code, or to a chosen
commune-level unit, or their role is ended; by provincial staff only, each change in the trail."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import services
from accounts.models import Membership, User
from accounts.scope import Scope
from accounts.selectors import reform_pending
from accounts.tests.factories import MembershipFactory, closed_unit
from audit.models import AuditEvent
from core.roles import Role
from units.models import Unit
from units.services import units_import

REFORM = dt.date(2025, 7, 1)
MAP_2025 = Path(settings.BASE_DIR) / "units" / "data" / "tuyen_quang_2025.csv"
URL = "/tai-khoan/sap-xep-don-vi/"


@pytest.fixture
def reformed(world):
    """The demo world with the 2025 map imported on top: every 2020 district and commune closed."""
    units_import(data=MAP_2025.read_bytes(), valid_from=REFORM, close_missing=True)
    return world


def _open(code: str) -> Unit:
    return Unit.objects.open().get(code=code)


def _old(code: str) -> Unit:
    return Unit.objects.get(code=code, valid_to=REFORM)


def _membership(username: str) -> Membership:
    return Membership.objects.get(user__username=username, is_active=True)


def _fresh(username: str) -> User:
    """The user as a new request loads them (no cached scope)."""
    return User.objects.get(username=username)


def _page_rows(client) -> dict[str, tuple[str, str | None]]:
    """username → (old unit code, proposed successor name) as the list shows them."""
    response = client.get(URL)
    assert response.status_code == 200
    rows = {}
    for group in response.context["groups"]:
        for m in group["rows"]:
            rows[m.user.username] = (group["unit"].code, group["successor"].name if group["successor"] else None)
    return rows


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- the list ------------------------------------------------------------------------------------------
def test_the_list_shows_the_2020_roles_of_closed_units_and_not_the_surviving_department(reformed, client_for):
    rows = _page_rows(client_for("tinh"))
    assert rows == {
        "sonduong": ("076", None),
        "canbo": ("076", None),
        "nahang": ("072", None),
        "tantrao": ("02545", "Xã Tân Trào"),
    }
    # Ban Tuyên giáo (08-BTG) survives the import, and the province is unchanged: those people stay.
    assert "tuyengiao" not in rows and "tinh" not in rows and "quansat" not in rows


def test_before_a_map_change_nobody_waits(world, client_for):
    response = client_for("tinh").get(URL)
    assert response.context["counts"] == {"total": 0, "with_successor": 0}
    assert "Không còn ai giữ vai trò ở đơn vị đã hết hiệu lực" in response.content.decode()


def test_the_proposed_successor_is_the_open_unit_that_kept_the_code(reformed, client_for):
    response = client_for("tinh").get(URL)
    groups = {g["unit"].code: g for g in response.context["groups"]}
    assert groups["02545"]["unit"] == _old("02545")
    assert groups["02545"]["successor"] == _open("02545")
    assert groups["02545"]["successor"].path == "/08/02545/"
    assert groups["076"]["successor"] is None and groups["072"]["successor"] is None
    assert response.context["counts"] == {"total": 4, "with_successor": 1}
    html = response.content.decode()
    assert "Xác nhận tất cả" in html and "Không có đơn vị kế thừa cùng mã" in html


def test_the_list_runs_a_fixed_number_of_queries(reformed, client_for, django_assert_max_num_queries):
    client = client_for("tinh")
    client.get(URL)
    for i, code in enumerate(["02539", "02542", "02545", "02548", "02551"] * 6):
        MembershipFactory(unit=_old(code), role=Role.CADRE, user__username=f"cb{i}")
    with django_assert_max_num_queries(16):
        response = client.get(URL)
    assert response.context["counts"]["total"] == 34


# --- confirming -----------------------------------------------------------------------------------------
def test_confirming_one_moves_the_officer_to_the_successor_with_the_same_role(reformed, client_for):
    old = _membership("tantrao")
    response = client_for("tinh").post(
        f"{URL}{old.pk}/chuyen/", {"to_unit": _open("02545").pk, "from_unit": old.unit_id}, follow=True
    )
    assert "Đã chuyển Lê Văn Hòa (Cán bộ phụ trách đơn vị) từ Xã Tân Trào sang Xã Tân Trào." in _messages(response)
    old.refresh_from_db()
    assert old.is_active is False and old.ended_on == timezone.localdate()
    new = _membership("tantrao")
    assert (new.unit, new.role, new.position, new.created_by) == (
        _open("02545"),
        Role.OFFICER,
        "Chủ tịch Ủy ban MTTQ xã Tân Trào",
        reformed.users["tinh"],
    )
    assert "tantrao" not in _page_rows(client_for("tinh"))
    assert Membership.objects.filter(user__username="tantrao").count() == 2  # nothing deleted


def test_the_moved_person_acts_in_the_new_tree_and_reads_the_2020_rows_only_until_moved(reformed):
    new_tan_trao, old_tan_trao = _open("02545"), _old("02545")
    before = Scope.for_user(_fresh("tantrao"))
    assert before.in_subtree(old_tan_trao) and not before.acts_for(new_tan_trao) and not before.in_subtree(new_tan_trao)
    services.membership_move(membership=_membership("tantrao"), to_unit=new_tan_trao, by=reformed.users["tinh"])
    after = Scope.for_user(_fresh("tantrao"))
    assert after.acts_for(new_tan_trao) and after.manages(new_tan_trao)
    assert not after.in_subtree(old_tan_trao)


def test_confirm_all_moves_every_role_with_a_successor_and_leaves_the_others(reformed, client_for):
    extra = [MembershipFactory(unit=_old(code), role=Role.CADRE, position="Cán bộ") for code in ("02548", "02554", "02578")]
    client = client_for("tinh")
    response = client.post(f"{URL}xac-nhan-tat-ca/", follow=True)
    assert "Đã chuyển 4 vai trò sang đơn vị kế thừa." in _messages(response)
    for m in extra:
        m.refresh_from_db()
        assert not m.is_active
        moved = Membership.objects.get(user=m.user, is_active=True)
        assert (moved.unit, moved.role, moved.position) == (_open(m.unit.code), Role.CADRE, "Cán bộ")
    assert _membership("tantrao").unit == _open("02545")
    assert set(_page_rows(client)) == {"sonduong", "canbo", "nahang"}  # no successor: still waiting

    # The same form sent again (a double submit) finds nothing left and changes nothing.
    snapshot = list(Membership.objects.order_by("pk").values_list("pk", "unit_id", "is_active"))
    response = client.post(f"{URL}xac-nhan-tat-ca/", follow=True)
    assert "Không còn vai trò nào có đơn vị kế thừa để chuyển" in _messages(response)
    assert list(Membership.objects.order_by("pk").values_list("pk", "unit_id", "is_active")) == snapshot


def test_confirm_all_of_one_closed_unit_leaves_the_other_units_waiting(reformed, client_for):
    other = MembershipFactory(unit=_old("02548"), role=Role.CADRE)
    MembershipFactory(unit=_old("02545"), role=Role.CADRE)
    client_for("tinh").post(f"{URL}xac-nhan-tat-ca/", {"under": _old("02545").pk})
    assert not Membership.objects.filter(unit=_old("02545"), is_active=True).exists()
    other.refresh_from_db()
    assert other.is_active and other.unit == _old("02548")


def test_a_role_already_held_at_the_successor_is_opened_again_not_duplicated(reformed):
    user = _fresh("tantrao")
    earlier = MembershipFactory(user=user, unit=_open("02545"), role=Role.OFFICER, is_active=False, ended_on=REFORM)
    moved = services.membership_move(membership=_membership("tantrao"), to_unit=_open("02545"), by=reformed.users["tinh"])
    assert moved.pk == earlier.pk
    earlier.refresh_from_db()
    assert earlier.is_active and earlier.ended_on is None


# --- district officers: no successor -------------------------------------------------------------------
def test_ending_a_district_officer_keeps_the_person_and_the_row(reformed, client_for):
    old = _membership("sonduong")
    response = client_for("tinh").post(f"{URL}{old.pk}/ket-thuc/", {"from_unit": old.unit_id}, follow=True)
    assert "Đã kết thúc vai trò Cán bộ phụ trách đơn vị của Trần Minh Tuấn tại Huyện Sơn Dương" in _messages(response)
    old.refresh_from_db()
    assert not old.is_active and old.ended_on == timezone.localdate() and old.unit == _old("076")
    assert _fresh("sonduong").is_active  # the account stays
    assert "sonduong" not in _page_rows(client_for("tinh"))


def test_the_chooser_suggests_the_new_communes_of_the_old_district(reformed, client_for):
    old = _membership("sonduong")
    response = client_for("tinh").get(f"{URL}{old.pk}/")
    assert response.status_code == 200 and response.context["suggested"]
    codes = {u.code for u in response.context["targets"]}
    # Sơn Dương's communes that kept their code in 2025, all open and right under the province.
    assert codes == {"02536", "02545", "02548", "02554", "02572", "02578", "02608", "02611", "02620", "02623"}
    assert all(u.is_open and u.parent.code == "08" for u in response.context["targets"])


def test_the_chooser_searches_without_diacritics_and_shows_a_bounded_list(reformed, client_for):
    old = _membership("nahang")
    client = client_for("tinh")
    response = client.get(f"{URL}{old.pk}/", {"q": "tan trao"})
    assert [u.name for u in response.context["targets"]] == ["Xã Tân Trào"]
    assert not response.context["suggested"]
    response = client.get(f"{URL}{old.pk}/", {"q": "xa"})  # 117 communes match: 30 shown
    assert len(response.context["targets"]) == 30 and response.context["more"] == 87
    assert "Còn 87 đơn vị khớp nữa" in response.content.decode()
    assert response.content.decode().count('name="to_unit"') == 30


def test_moving_a_district_officer_to_a_chosen_commune(reformed, client_for):
    old = _membership("sonduong")
    target = _open("02572")
    response = client_for("tinh").post(f"{URL}{old.pk}/chuyen/", {"to_unit": target.pk, "from_unit": old.unit_id})
    assert response.status_code == 302 and response["Location"] == URL
    new = _membership("sonduong")
    assert (new.unit, new.role) == (target, Role.OFFICER)
    assert Scope.for_user(_fresh("sonduong")).acts_for(target)


# --- refusals --------------------------------------------------------------------------------------------
def _unchanged(username):
    m = Membership.objects.get(user__username=username, unit__valid_to=REFORM)
    return m.is_active and Membership.objects.filter(user__username=username).count() == 1


def test_a_move_to_a_closed_unit_is_refused(reformed, client_for):
    old = _membership("sonduong")
    response = client_for("tinh").post(
        f"{URL}{old.pk}/chuyen/", {"to_unit": _old("02572").pk, "from_unit": old.unit_id}, follow=True
    )
    assert "Xã Đông Thọ đã hết hiệu lực từ 1/7/2025; hãy chọn một đơn vị đang hoạt động." in _messages(response)
    assert response.redirect_chain[-1][0] == f"{URL}{old.pk}/"  # back to the chooser: the role still waits
    assert _unchanged("sonduong")


def test_a_move_outside_the_viewers_subtree_is_refused(reformed, client_for):
    other_province = Unit.objects.create(code="02", name="Tỉnh Hà Giang", level="province", kind="province", path="/02/", depth=0)
    outside = Unit.objects.create(
        code="00999", name="Xã Ngoài Tỉnh", level="commune", kind="commune", parent=other_province, path="/02/00999/", depth=1
    )
    old = _membership("sonduong")
    response = client_for("tinh").post(f"{URL}{old.pk}/chuyen/", {"to_unit": outside.pk, "from_unit": old.unit_id}, follow=True)
    assert "Xã Ngoài Tỉnh không thuộc phạm vi bạn quản lý" in _messages(response)
    assert _unchanged("sonduong")


def test_a_move_up_to_the_province_or_to_an_unknown_unit_is_refused(reformed, client_for):
    old = _membership("sonduong")
    client = client_for("tinh")
    response = client.post(f"{URL}{old.pk}/chuyen/", {"to_unit": _open("08").pk, "from_unit": old.unit_id}, follow=True)
    assert "Chỉ chuyển được sang đơn vị kế thừa (cùng mã) hoặc một đơn vị cấp xã" in _messages(response)
    response = client.post(f"{URL}{old.pk}/chuyen/", {"to_unit": 999999, "from_unit": old.unit_id}, follow=True)
    assert "Không tìm thấy đơn vị đã chọn" in _messages(response)
    response = client.post(f"{URL}{old.pk}/chuyen/", {"from_unit": old.unit_id}, follow=True)
    assert "Hãy chọn đơn vị chuyển đến." in _messages(response)
    assert _unchanged("sonduong")


def test_a_double_submit_is_refused_and_the_first_move_is_kept(reformed, client_for):
    old = _membership("tantrao")
    client = client_for("tinh")
    data = {"to_unit": _open("02545").pk, "from_unit": old.unit_id}
    client.post(f"{URL}{old.pk}/chuyen/", data)
    response = client.post(f"{URL}{old.pk}/chuyen/", data, follow=True)
    assert "đã được chuyển hoặc kết thúc trước đó" in _messages(response)
    assert response.redirect_chain[-1][0] == URL
    assert _membership("tantrao").unit == _open("02545")
    assert Membership.objects.filter(user__username="tantrao").count() == 2


def test_a_stale_form_is_refused_when_someone_else_ended_the_role_meanwhile(reformed, client_for):
    old = _membership("sonduong")
    services.membership_end(membership=old, by=reformed.users["tinh"])  # another tab, another colleague
    response = client_for("tinh").post(
        f"{URL}{old.pk}/chuyen/", {"to_unit": _open("02572").pk, "from_unit": old.unit_id}, follow=True
    )
    assert "Vai trò Cán bộ phụ trách đơn vị của Trần Minh Tuấn tại Huyện Sơn Dương đã được chuyển hoặc kết thúc trước đó" in (
        _messages(response)
    )
    assert not Membership.objects.filter(user__username="sonduong", is_active=True).exists()
    # Ending it again is refused the same way.
    response = client_for("tinh").post(f"{URL}{old.pk}/ket-thuc/", {"from_unit": old.unit_id}, follow=True)
    assert "đã được chuyển hoặc kết thúc trước đó" in _messages(response)


def test_a_form_showing_another_unit_than_the_role_is_at_is_refused(reformed):
    old = _membership("sonduong")
    with pytest.raises(ValidationError, match="không còn ở đơn vị đã hết hiệu lực"):
        services.membership_move(
            membership=old, to_unit=_open("02572"), by=reformed.users["tinh"], expected_unit_id=_old("072").pk
        )
    assert _unchanged("sonduong")


def test_a_role_at_an_open_unit_is_not_moved(world):
    officer = Membership.objects.get(user__username="tantrao")
    with pytest.raises(ValidationError):
        services.membership_move(membership=officer, to_unit=world.units["02548"], by=world.users["tinh"])
    with pytest.raises(ValidationError):
        services.membership_end(membership=officer, by=world.users["tinh"])


def test_the_chooser_of_a_role_no_longer_waiting_goes_back_to_the_list(reformed, client_for):
    old = _membership("tantrao")
    services.membership_move(membership=old, to_unit=_open("02545"), by=reformed.users["tinh"])
    response = client_for("tinh").get(f"{URL}{old.pk}/", follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "không còn chờ chuyển" in _messages(response)


# --- who may ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["tuyengiao", "sonduong", "nahang", "tantrao", "canbo", "quansat"])
def test_only_provincial_staff_open_the_page_or_move_anyone(reformed, client_for, persona):
    old = _membership("nahang")
    client = client_for(persona)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{old.pk}/").status_code == 403
    assert client.post(f"{URL}{old.pk}/chuyen/", {"to_unit": _open("02545").pk, "from_unit": old.unit_id}).status_code == 403
    assert client.post(f"{URL}{old.pk}/ket-thuc/", {"from_unit": old.unit_id}).status_code == 403
    assert client.post(f"{URL}xac-nhan-tat-ca/").status_code == 403
    assert _unchanged("nahang")


def test_the_services_check_the_actor_again(reformed):
    old = _membership("nahang")
    for persona in ("sonduong", "tuyengiao", "quansat"):
        with pytest.raises(PermissionDenied):
            services.membership_move(membership=old, to_unit=_open("02545"), by=reformed.users[persona])
        with pytest.raises(PermissionDenied):
            services.membership_end(membership=old, by=reformed.users[persona])
        with pytest.raises(PermissionDenied):
            services.memberships_move_all(by=reformed.users[persona])
    assert _unchanged("nahang")


def test_provincial_staff_of_another_province_do_not_see_the_role(reformed, client):
    other_province = Unit.objects.create(code="02", name="Tỉnh Hà Giang", level="province", kind="province", path="/02/", depth=0)
    staff = MembershipFactory(unit=other_province, role=Role.PROVINCE_STAFF).user
    other_old = closed_unit(code="00700X", name="Xã Cũ", parent=other_province)
    waiting_there = MembershipFactory(unit=other_old, role=Role.CADRE)
    client.force_login(staff)
    old = _membership("nahang")
    assert client.get(f"{URL}{old.pk}/").status_code == 404
    assert client.post(f"{URL}{old.pk}/ket-thuc/", {"from_unit": old.unit_id}).status_code == 404
    response = client.get(URL)
    assert [m.pk for g in response.context["groups"] for m in g["rows"]] == [waiting_there.pk]
    # Their "confirm all" leaves Tuyên Quang alone, and a group of Tuyên Quang is refused.
    with pytest.raises(PermissionDenied):
        services.memberships_move_all(by=staff, under=_old("02545"))
    services.memberships_move_all(by=staff)
    assert _unchanged("tantrao")


# --- the trail, the home page, the navigation -----------------------------------------------------------
def test_the_audit_trail_records_who_moved_whom(reformed, client_for):
    old = _membership("tantrao")
    client = client_for("tinh")
    client.post(f"{URL}{old.pk}/chuyen/", {"to_unit": _open("02545").pk, "from_unit": old.unit_id})
    new = _membership("tantrao")
    ended = AuditEvent.objects.get(model_label="accounts.membership", object_id=str(old.pk), action="~")
    assert ended.user == reformed.users["tinh"] and ended.unit == _old("02545")
    assert ended.reason == "Sắp xếp đơn vị hành chính: chuyển sang Xã Tân Trào"
    assert {c["field"] for c in ended.changes} == {"is_active", "ended_on"}
    created = AuditEvent.objects.get(model_label="accounts.membership", object_id=str(new.pk), action="+")
    assert created.user == reformed.users["tinh"] and created.unit == _open("02545")
    assert created.reason == "Sắp xếp đơn vị hành chính: chuyển từ Xã Tân Trào"
    html = client.get("/nhat-ky-thay-doi/").content.decode()
    assert "Sắp xếp đơn vị hành chính: chuyển sang Xã Tân Trào" in html


def test_services_record_the_actor_outside_a_request(reformed):
    old = _membership("sonduong")
    services.membership_end(membership=old, by=reformed.users["tinh"])
    assert old.history.latest().history_user == reformed.users["tinh"]


def test_home_page_tells_provincial_staff_when_people_wait(world, client_for):
    assert "Sắp xếp đơn vị hành chính" not in client_for("tinh").get("/").content.decode()
    units_import(data=MAP_2025.read_bytes(), valid_from=REFORM, close_missing=True)
    html = client_for("tinh").get("/").content.decode()
    assert "4 vai trò còn ở đơn vị đã hết hiệu lực" in html and "1 vai trò có đơn vị kế thừa đề xuất" in html
    assert 'href="/tai-khoan/sap-xep-don-vi/"' in html
    assert "4 vai trò còn ở đơn vị đã hết hiệu lực" not in client_for("quansat").get("/").content.decode()


def test_reopening_an_ended_role_clears_its_end_day_and_a_lock_leaves_it_empty(reformed):
    old = _membership("sonduong")
    services.membership_end(membership=old, by=reformed.users["tinh"])
    services.membership_set_active(membership=old, active=True, by=reformed.users["tinh"])
    old.refresh_from_db()
    assert old.is_active and old.ended_on is None
    assert "sonduong" in {m.user.username for m in reform_pending(["/08/"])}  # waiting again
    services.membership_set_active(membership=old, active=False, by=reformed.users["tinh"])
    old.refresh_from_db()
    assert not old.is_active and old.ended_on is None


def test_the_chooser_stays_bounded_with_the_national_map(world, client_for, django_assert_max_num_queries):
    """3,321 commune-level units open: a person of Tuyên Quang chooses among the province's own, a
    page of them at a time, in a fixed number of queries."""
    national = Path(settings.BASE_DIR) / "units" / "data" / "vn_units_2025.csv"
    units_import(data=national.read_bytes(), valid_from=REFORM, close_missing=True)
    assert Unit.objects.open().filter(level="commune").count() == 3321
    old = _membership("nahang")
    client = client_for("tinh")
    client.get(f"{URL}{old.pk}/")
    with django_assert_max_num_queries(14):
        response = client.get(f"{URL}{old.pk}/", {"q": "xa"})
    targets = response.context["targets"]
    assert len(targets) == 30 and all(u.path.startswith("/08/") for u in targets)
    assert response.context["total"] == 117  # Tuyên Quang's xã, not the country's
    html = response.content.decode()
    assert html.count('name="to_unit"') == 30 and html.count("<option") < 10


def test_provincial_staff_do_not_end_their_own_role(reformed):
    old_department = closed_unit(code="08-VP", name="Văn phòng", parent=_open("08"), level="department", kind="department")
    own = MembershipFactory(user=reformed.users["tinh"], unit=old_department, role=Role.PROVINCE_STAFF)
    with pytest.raises(ValidationError, match="chính mình"):
        services.membership_end(membership=own, by=_fresh("tinh"))
    own.refresh_from_db()
    assert own.is_active
