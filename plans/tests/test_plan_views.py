"""Plan pages: who sees which plan, deriving and issuing through the pages, refused input keeps
what the user typed, the cascade, the comparison, the history and the PDF."""

import shutil
import subprocess

import pytest
from django.contrib.messages import get_messages

from documents.models import GeneratedDocument
from plans.models import Plan, PlanTask
from plans.tests import factories


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_plan_list_shows_each_person_the_plans_in_scope(province_plan, world, client_for):
    draft = factories.sonduong_draft(world)
    url = "/ke-hoach/"
    html = client_for("tinh").get(url).content.decode()
    assert "04/KH-MTTQ-BTT" in html and f"/ke-hoach/{draft.pk}/" in html
    html = client_for("nahang").get(url).content.decode()
    assert "04/KH-MTTQ-BTT" in html and f"/ke-hoach/{draft.pk}/" not in html
    # The commune below does not see the district's draft; the cadre sees no plan yet.
    assert f"/ke-hoach/{draft.pk}/" not in client_for("tantrao").get(url).content.decode()
    html = client_for("canbo").get(url).content.decode()
    assert f'href="/ke-hoach/{province_plan.pk}/"' not in html and f"/ke-hoach/{draft.pk}/" not in html
    issued = factories.sonduong_issued(world)
    html = client_for("canbo").get(url).content.decode()
    assert f'href="/ke-hoach/{issued.pk}/"' in html and f'href="/ke-hoach/{province_plan.pk}/"' not in html


def test_district_officer_is_invited_to_derive_and_derives_once(province_plan, world, client_for):
    client = client_for("sonduong")
    html = client.get(f"/ke-hoach/{province_plan.pk}/").content.decode()
    assert "Xây dựng kế hoạch của Ủy ban MTTQ huyện Sơn Dương" in html
    first = client.post(f"/ke-hoach/{province_plan.pk}/xay-dung-ke-hoach-cap-duoi/")
    second = client.post(f"/ke-hoach/{province_plan.pk}/xay-dung-ke-hoach-cap-duoi/")
    plan = Plan.objects.get(unit=world.units["076"])
    assert first["Location"] == second["Location"] == f"/ke-hoach/{plan.pk}/"
    assert _messages(second)[-1] == "Đơn vị đã có kế hoạch căn cứ kế hoạch này; mở kế hoạch đó."
    html = client.get(f"/ke-hoach/{province_plan.pk}/").content.decode()
    assert "Kế hoạch của Ủy ban MTTQ huyện Sơn Dương" in html


def test_editing_an_issued_plan_is_refused_and_keeps_the_typed_text(province_plan, world, client_for):
    client = client_for("tinh")
    response = client.get(f"/ke-hoach/{province_plan.pk}/sua/")
    assert response.status_code == 302 and "đã ban hành nên không sửa được" in _messages(response)[0]
    # A form opened before the plan was issued and sent afterwards: refused, input kept.
    data = {
        "number": "04/KH-MTTQ-BTT",
        "issued_on": "2020-02-12",
        "place": "Tuyên Quang",
        "board": "Ban Thường trực",
        "title": "Tiêu đề tôi vừa gõ",
        "signer_authority": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Hoàng Thị Thanh Hương",
        "version": province_plan.version,
    }
    response = client.post(f"/ke-hoach/{province_plan.pk}/sua/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "đã ban hành nên không sửa được" in html and "Tiêu đề tôi vừa gõ" in html
    province_plan.refresh_from_db()
    assert province_plan.title.startswith("Triển khai thực hiện")


def test_a_stale_edit_shows_what_changed_and_keeps_the_input(province_plan, world, client_for):
    plan = factories.sonduong_draft(world)
    client = client_for("sonduong")
    base = {
        "number": plan.number,
        "place": plan.place,
        "board": plan.board,
        "basis": plan.basis,
        "intro": plan.intro,
        "signer_authority": plan.signer_authority,
        "signer_title": plan.signer_title,
        "version": plan.version,
    }
    assert client.post(f"/ke-hoach/{plan.pk}/sua/", {**base, "title": "Bản của đồng chí A"}).status_code == 302
    response = client.post(f"/ke-hoach/{plan.pk}/sua/", {**base, "title": "Bản của đồng chí B"})
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "Người khác vừa lưu" in html
        and "Bản của đồng chí A" in html
        and "Bản của đồng chí B" in html
    )
    plan.refresh_from_db()
    assert plan.title == "Bản của đồng chí A"
    # The re-rendered form carries the new version: saving again is accepted.
    assert f'value="{plan.version}"' in html


def test_due_date_before_plan_date_is_refused_in_the_task_form(province_plan, world, client_for):
    plan = factories.sonduong_draft(world, signer="Trần Minh Tuấn")
    section = plan.sections.get(part="implementation")
    response = client_for("sonduong").post(
        f"/ke-hoach/{plan.pk}/nhiem-vu/them/",
        {"section": section.pk, "kind": "action", "text": "Hội nghị quán triệt kế hoạch", "due_on": "2020-02-01"},
    )
    html = response.content.decode()
    assert (
        response.status_code == 200 and "trước ngày của kế hoạch (20/2/2020)" in html and "Hội nghị quán triệt kế hoạch" in html
    )
    assert not PlanTask.objects.filter(text="Hội nghị quán triệt kế hoạch").exists()


def test_issue_through_the_page_twice_issues_once(province_plan, world, client_for):
    plan = factories.sonduong_draft(world, signer="Trần Minh Tuấn")
    client = client_for("sonduong")
    first = client.post(f"/ke-hoach/{plan.pk}/ban-hanh/", {"version": plan.version})
    second = client.post(f"/ke-hoach/{plan.pk}/ban-hanh/", {"version": plan.version})
    assert "Đã ban hành Kế hoạch số 01/KH-MTTQ-BTT" in _messages(first)[0]
    assert "đã được ban hành lúc" in _messages(second)[-1] and "không có gì thay đổi" in _messages(second)[-1]
    plan.refresh_from_db()
    assert plan.is_current
    html = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Điều chỉnh kế hoạch" in html and "Ban hành kế hoạch</button>" not in html


def test_cascade_shows_which_districts_issued(province_plan, world, client_for):
    html = client_for("tinh").get(f"/ke-hoach/{province_plan.pk}/cap-duoi/").content.decode()
    assert "<strong>0/7</strong> đơn vị đã ban hành" in html
    factories.sonduong_issued(world)
    html = client_for("tinh").get(f"/ke-hoach/{province_plan.pk}/cap-duoi/").content.decode()
    assert "<strong>1/7</strong> đơn vị đã ban hành" in html and "Kế hoạch số 01/KH-MTTQ-BTT" in html
    assert html.count("Chưa có kế hoạch") == 6
    # Sơn Dương sees the same for its communes.
    sd_plan = Plan.objects.get(unit=world.units["076"])
    html = client_for("sonduong").get(f"/ke-hoach/{sd_plan.pk}/cap-duoi/").content.decode()
    assert "Xã Tân Trào" in html and "/" + str(world.units["076"].children.count()) + "</strong>" in html


def test_comparison_page_lists_sections_added_removed_and_changed(province_plan, world, client_for, scope_of):
    from plans.services import plans

    plan = factories.sonduong_draft(world)
    section = plan.sections.get(part="contents", number="2.1.")
    plans.section_save(
        plan=plan,
        by=world.users["sonduong"],
        section=section,
        expected_version=section.version,
        body=section.body.replace("Trang thông tin điện tử Ủy ban MTTQ tỉnh", "Trang thông tin điện tử của huyện"),
    )
    plans.section_save(
        plan=plan,
        by=world.users["sonduong"],
        part="contents",
        number="2.5.",
        heading="",
        body="Xây dựng mô hình “Dân vận khéo” ở xã Tân Trào.",
    )
    html = client_for("sonduong").get(f"/ke-hoach/{plan.pk}/so-sanh/").content.decode()
    assert "1 mục thêm" in html and "1 mục bỏ" in html and "mục sửa" in html
    assert (
        "<del>Ủy ban MTTQ tỉnh,</del> <ins>của huyện,</ins>" in html and "Xây dựng mô hình “Dân vận khéo” ở xã Tân Trào." in html
    )
    assert "Ủy ban MTTQ tỉnh" in html  # the province's own section is not in the district plan (removed)


def test_history_page_records_drafting_and_issuing(province_plan, world, client_for):
    plan = factories.sonduong_issued(world)
    html = client_for("tinh").get(f"/ke-hoach/{plan.pk}/lich-su/").content.decode()
    assert "Ban hành" in html and "Tạo dự thảo" in html and "Phiên bản 1" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_plan_pdf_reads_like_the_seed_document(province_plan, world, client_for, django_capture_on_commit_callbacks, tmp_path):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("tinh").post(f"/ke-hoach/{province_plan.pk}/pdf/")
    document = GeneratedDocument.objects.get(kind="plan")
    assert response["Location"] == f"/van-ban/{document.pk}/" and document.status == "done" and document.pages >= 2
    path = tmp_path / "plan.pdf"
    path.write_bytes(document.file.read())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in [
        "ỦY BAN MTTQ VIỆT NAM",
        "TỈNH TUYÊN QUANG",
        "BAN THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 04/KH-MTTQ-BTT",
        "Tuyên Quang, ngày 12 tháng 02 năm 2020",
        "KẾ HOẠCH",
        "Triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm 2020",
        "Căn cứ Kế hoạch số 54-KH/BCĐ ngày 12/02/2020",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. TỔ CHỨC THỰC HIỆN",
        "1.1. Đối với tập thể:",
        "2.4. Sơ kết 6 tháng, tổng kết 01 năm",
        "1. Ủy ban MTTQ tỉnh",
        "2. Ủy ban MTTQ các huyện, thành phố",
        "- Tổ chức các hoạt động kỷ niệm 90 năm",
        "báo cáo sơ kết 6 tháng đầu năm gửi trước ngày 10/6/2020",
        "Nơi nhận:",
        "- Ban Dân vận Tỉnh ủy;",
        "- Lưu VT, Ban Tuyên giáo.",
        "TM. BAN THƯỜNG TRỰC",
        "PHÓ CHỦ TỊCH",
        "Hoàng Thị Thanh Hương",
    ]:
        assert expected in flat, expected
    # Page numbers from page 2: the second page starts with "2".
    pages = text.split("\f")
    assert pages[1].strip().startswith("2") and not pages[0].strip().startswith("1")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts.replace("-", "") or "Tinos" in fonts
    # The same state does not render twice; a change renders a new PDF.
    client_for("tinh").post(f"/ke-hoach/{province_plan.pk}/pdf/")
    assert GeneratedDocument.objects.filter(kind="plan").count() == 1


def test_draft_pdf_is_marked_and_changes_key_when_the_plan_changes(
    province_plan, world, client_for, scope_of, django_capture_on_commit_callbacks
):
    from plans.services import plans

    plan = factories.sonduong_draft(world)
    client = client_for("sonduong")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ke-hoach/{plan.pk}/pdf/")
    section = plan.sections.first()
    plans.section_save(plan=plan, by=world.users["sonduong"], section=section, expected_version=section.version, body="Đoạn mới.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ke-hoach/{plan.pk}/pdf/")
    documents = GeneratedDocument.objects.filter(kind="plan", owner_id=plan.pk)
    assert documents.count() == 2 and len({d.source_key for d in documents}) == 2


def test_new_plan_form_suggests_the_next_number_of_the_issuer(province_plan, world, client_for):
    html = client_for("tinh").get("/ke-hoach/moi/").content.decode()
    assert 'value="05/KH-MTTQ-BTT"' in html and "Số gợi ý (tiếp theo của đơn vị trong năm): 05/KH-MTTQ-BTT" in html


def test_adding_a_section_twice_with_the_same_form_adds_one_and_text_is_escaped(province_plan, world, client_for):
    plan = factories.sonduong_draft(world)
    client = client_for("sonduong")
    data = {
        "token": "s-1",
        "part": "contents",
        "number": "2.5.",
        "heading": "",
        "body": "Mô hình <script>alert(1)</script> ở Tân Trào",
    }
    first = client.post(f"/ke-hoach/{plan.pk}/muc/them/", data)
    second = client.post(f"/ke-hoach/{plan.pk}/muc/them/", data)
    assert first.status_code == second.status_code == 302
    assert plan.sections.filter(number="2.5.").count() == 1
    for url in (f"/ke-hoach/{plan.pk}/", f"/ke-hoach/{plan.pk}/so-sanh/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
