"""Articles: written by a unit, sent ("gửi đăng"), edited and published by provincial staff or
returned with a comment, unpublished; notifications, the audit trail, double taps, optimistic
locking, scopes; press contest entries and the jury's list; private pages' query counts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from core.concurrency import StaleObjectError
from documents.tests.factories import html_disguised_as_png, png_upload
from notifications.models import Notification
from publishing.models import Article, ArticleTransition, ContestEntry
from publishing.services import articles as services
from publishing.tests.factories import make_article, make_exemplar

Status = Article.Status


def _input(**kw):
    return services.ArticleInput(**{"title": "Tiêu đề", "body": "<p>Nội dung</p>", **kw})


def test_the_whole_workflow_with_notifications_and_history(world):
    sonduong, tinh = world.users["sonduong"], world.users["tinh"]
    article = make_article(world)
    assert article.status == Status.DRAFT and article.author == sonduong and article.unit.code == "076"

    services.article_submit(article=article, by=sonduong)
    assert article.status == Status.IN_REVIEW and article.submitted_at is not None
    assert Notification.objects.filter(recipient=tinh, kind="article_submitted").exists()

    services.article_return(article=article, by=tinh, comment="Bổ sung số hộ tham gia.")
    assert article.status == Status.RETURNED
    notice = Notification.objects.get(recipient=sonduong, kind="article_decided")
    assert "trả lại" in notice.title and notice.body == "Bổ sung số hộ tham gia."

    services.article_update(article=article, data=_input(title="Tiêu đề đã sửa"), by=sonduong, expected_version=article.version)
    services.article_submit(article=article, by=sonduong)
    services.article_update(
        article=article, data=_input(title="Tiêu đề tỉnh biên tập"), by=tinh, expected_version=article.version
    )
    services.article_publish(article=article, by=tinh)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public and article.published_by == tinh
    assert article.title == "Tiêu đề tỉnh biên tập"
    assert Notification.objects.filter(recipient=sonduong, kind="article_decided", title__contains="duyệt đăng").exists()
    actions = list(article.transitions.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "publish"]
    # The audit trail shows the article's changes, field by field, with who made them.
    title_changes = [
        e for e in AuditEvent.objects.filter(model_label="publishing.article", object_id=str(article.pk))
        if any(c.get("field") == "title" or "tiêu đề" in str(c.get("label", "")).lower() for c in e.changes)
    ]  # fmt: skip
    assert len(title_changes) >= 2 and {e.user_id for e in title_changes} >= {sonduong.pk, tinh.pk}

    services.article_unpublish(article=article, by=tinh, comment="Gỡ để cập nhật số liệu.")
    assert article.status == Status.UNPUBLISHED and not Article.objects.public().exists()


def test_a_double_tap_sends_once(world):
    article = make_article(world)
    first = services.article_submit(article=article, by=world.users["sonduong"])
    second = services.article_submit(article=article, by=world.users["sonduong"])
    assert first is not None and second is None
    assert ArticleTransition.objects.filter(article=article).count() == 1


def test_the_same_new_article_form_sent_twice_creates_one_article(world):
    import uuid

    token = uuid.uuid4()
    a = services.article_create(unit=world.units["076"], data=_input(), by=world.users["sonduong"], client_token=token)
    b = services.article_create(unit=world.units["076"], data=_input(), by=world.users["sonduong"], client_token=token)
    assert a.pk == b.pk and Article.objects.count() == 1


def test_return_needs_a_comment(world):
    article = make_article(world, status=Status.IN_REVIEW)
    with pytest.raises(ValidationError):
        services.article_return(article=article, by=world.users["tinh"], comment="  ")


def test_an_empty_article_cannot_be_sent(world):
    article = make_article(world, body="")
    with pytest.raises(ValidationError, match="nội dung"):
        services.article_submit(article=article, by=world.users["sonduong"])


def test_who_may_do_what(world):
    article = make_article(world)
    with pytest.raises(PermissionDenied):
        services.article_submit(article=article, by=world.users["nahang"])
    with pytest.raises(PermissionDenied):
        services.article_create(unit=world.units["076"], data=_input(), by=world.users["nahang"])
    with pytest.raises(PermissionDenied):
        services.article_create(unit=world.units["076"], data=_input(), by=world.users["quansat"])
    services.article_submit(article=article, by=world.users["sonduong"])
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=world.users["sonduong"])
    with pytest.raises(PermissionDenied):
        services.article_update(article=article, data=_input(), by=world.users["sonduong"], expected_version=article.version)
    # A commune officer writes for the commune; the district above may too.
    commune = services.article_create(unit=world.units["02545"], data=_input(), by=world.users["tantrao"])
    services.article_submit(article=commune, by=world.users["sonduong"])


def test_a_stale_edit_is_refused(world):
    article = make_article(world)
    version = article.version
    services.article_update(article=article, data=_input(title="Bản một"), by=world.users["sonduong"], expected_version=version)
    stale = Article.objects.get(pk=article.pk)
    with pytest.raises(StaleObjectError):
        services.article_update(article=stale, data=_input(title="Bản hai"), by=world.users["tinh"], expected_version=version)


def test_photos_are_checked_by_content_and_the_first_becomes_the_cover(world):
    article = make_article(world)
    with pytest.raises(ValidationError):
        services.article_add_photo(article=article, uploaded=html_disguised_as_png(), by=world.users["sonduong"])
    photo = services.article_add_photo(article=article, uploaded=png_upload(), by=world.users["sonduong"], caption="Ảnh 1")
    services.article_add_photo(article=article, uploaded=png_upload("b.png"), by=world.users["sonduong"])
    article.refresh_from_db()
    assert article.cover_id == photo.pk and photo.thumbnail
    services.article_update(
        article=article, data=_input(body=f'<p>x</p><img src="/tin-tuc/anh/{photo.pk}/">'), by=world.users["sonduong"],
        expected_version=article.version,
    )  # fmt: skip
    assert f'<img src="/tin-tuc/anh/{photo.pk}/">' in article.body


def test_writing_sending_and_publishing_through_the_pages(world, client_for):
    import uuid

    sonduong = client_for("sonduong")
    exemplar = make_exemplar(world, status="recognised")
    response = sonduong.post(
        reverse("articles:create"),
        {"unit": world.units["076"].pk, "title": "Ông Hùng hiến đất", "summary": "Tóm tắt", "body": "Đoạn một.\n\nĐoạn hai.",
         "byline": "Thu Hà", "exemplars": [exemplar.pk], "client_token": uuid.uuid4()},
    )  # fmt: skip
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("articles:edit", args=[article.pk])
    assert article.body == "<p>Đoạn một.</p><p>Đoạn hai.</p>" and list(article.exemplars.all()) == [exemplar]
    assert (
        sonduong.post(reverse("articles:photo_add", args=[article.pk]), {"photo": png_upload(), "caption": "Ảnh"}).status_code
        == 302
    )
    assert sonduong.post(reverse("articles:submit", args=[article.pk])).status_code == 302
    tinh = client_for("tinh")
    page = tinh.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "Duyệt đăng" in page and "Trả lại" in page
    assert tinh.post(reverse("articles:publish", args=[article.pk]), {"publish_at": ""}).status_code == 302
    article.refresh_from_db()
    assert article.is_public
    home = tinh.get("/").content.decode()
    assert "Tin, bài chờ duyệt đăng" in home


def test_scheduled_publication_from_the_page(world, client_for):
    article = make_article(world, status=Status.IN_REVIEW)
    client_for("tinh").post(reverse("articles:publish", args=[article.pk]), {"publish_at": "2020-06-20T08:00"})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_scheduled
    assert (article.published_at.day, article.published_at.hour) == (20, 1)  # 08:00 in Tuyên Quang is 01:00 UTC


def test_contest_entry_and_the_jury_list_with_filter_and_export(world, client_for):
    article = make_article(world, status=Status.PUBLISHED, title="Người “giữ lửa” ở Tân Trào")
    other = make_article(world, unit_code="072", author="nahang", title="Bài của Na Hang")
    services.contest_enter(article=article, by=world.users["sonduong"], category="online", author_name="Thu Hà")
    services.contest_enter(article=article, by=world.users["sonduong"], category="print", author_name="Thu Hà")
    services.contest_enter(article=other, by=world.users["nahang"], category="radio", author_name="Văn Nam")
    assert ContestEntry.objects.count() == 2 and ContestEntry.objects.get(article=article).category == "print"
    with pytest.raises(PermissionDenied):
        services.contest_enter(article=article, by=world.users["nahang"], category="print", author_name="x")
    tinh = client_for("tinh")
    html = tinh.get(reverse("articles:contest")).content.decode()
    assert "Người “giữ lửa” ở Tân Trào" in html and "Bài của Na Hang" in html
    filtered = tinh.get(reverse("articles:contest"), {"category": "radio"}).content.decode()
    assert "Bài của Na Hang" in filtered and "giữ lửa" not in filtered
    csv = tinh.get(reverse("articles:contest_export"), {"unit": world.units["076"].pk}).content.decode("utf-8-sig")
    assert "Người “giữ lửa” ở Tân Trào" in csv and "Báo in" in csv and "Na Hang" not in csv
    assert client_for("sonduong").get(reverse("articles:contest")).status_code == 403


@pytest.mark.parametrize("count", [2, 12])
def test_private_pages_run_a_fixed_number_of_queries(world, client_for, count, django_assert_max_num_queries):
    exemplar = make_exemplar(world, status="recognised")
    for n in range(count):
        a = make_article(world, title=f"Bài {n}", status=Status.PUBLISHED if n % 2 else Status.IN_REVIEW, photo=n < 2)
        a.exemplars.add(exemplar)
        services.contest_enter(article=a, by=world.users["sonduong"], category="online", author_name="Tác giả")
        make_exemplar(world, name=f"Gương {n}")
    article = Article.objects.order_by("id").first()
    tinh = client_for("tinh")
    tinh.get("/")  # the first request of a session warms per-process lookups
    for url in (reverse("articles:list"), reverse("articles:detail", args=[article.pk]), reverse("articles:edit", args=[article.pk]),
                reverse("articles:contest"), reverse("exemplars:list"), reverse("exemplars:detail", args=[exemplar.pk]),
                reverse("exemplars:create"), reverse("articles:create")):  # fmt: skip
        with django_assert_max_num_queries(12):
            assert tinh.get(url).status_code == 200, url


def test_an_article_links_exemplars_and_approved_models_and_their_places(world, client_for, make):
    import uuid

    model = make(unit="02545", kind="model", status="in_progress", title="Mô hình “Dân vận khéo” nuôi ong lấy mật")
    draft_model = make(unit="076", kind="model", status="draft", title="Mô hình còn nháp")
    exemplar = make_exemplar(world, unit_code="02545", by="tantrao", status="recognised", name="Bà Lương Thị Mến")
    sonduong = client_for("sonduong")
    form = sonduong.get(reverse("articles:create")).content.decode()
    assert "nuôi ong lấy mật" in form and "Mô hình còn nháp" not in form and "Bà Lương Thị Mến" in form
    sonduong.post(
        reverse("articles:create"),
        {"unit": world.units["076"].pk, "title": "Nuôi ong ở Tân Trào", "body": "Nội dung.", "exemplars": [exemplar.pk],
         "models": [model.pk], "client_token": uuid.uuid4()},
    )  # fmt: skip
    article = Article.objects.get()
    assert list(article.exemplars.all()) == [exemplar] and list(article.registrations.all()) == [model]
    # A model not yet approved is not offered, and the service drops it if it is sent anyway.
    services.article_update(
        article=article, data=_input(title=article.title, exemplars=[exemplar], models=[model, draft_model]), by=world.users["sonduong"],
        expected_version=article.version,
    )  # fmt: skip
    assert list(article.registrations.all()) == [model]
    assert {u.code for u in article.units.all()} == {"076", "02545"}
    services.article_submit(article=article, by=world.users["sonduong"])
    services.article_publish(article=article, by=world.users["tinh"])
    from django.test import Client

    html = Client().get(reverse("public:article", args=[article.slug])).content.decode()
    assert "nuôi ong lấy mật" in html and "Bà Lương Thị Mến" in html


def test_contest_csv_leaves_empty_cells_empty_and_keeps_formula_starts_inert(world, client_for):
    import csv
    import io

    first = make_article(world, status=Status.PUBLISHED, title="Người “giữ lửa” ở Tân Trào")
    second = make_article(world, unit_code="072", author="nahang", title="Bài của Na Hang")
    services.contest_enter(article=first, by=world.users["sonduong"], category="print", author_name="Thu Hà")
    services.contest_enter(article=second, by=world.users["nahang"], category="radio", author_name="Văn Nam")
    # Typed elsewhere (the admin, an import): a cell starting with a tab or a carriage return is a formula too.
    ContestEntry.objects.filter(article=first).update(author_name="\t=1+1", note="")
    ContestEntry.objects.filter(article=second).update(note="\r@SUM(A1)")
    text = client_for("tinh").get(reverse("articles:contest_export")).content.decode("utf-8-sig")
    rows = {r[2]: r for r in csv.reader(io.StringIO(text, newline=""))}
    assert rows["Người “giữ lửa” ở Tân Trào"][3] == "'\t=1+1" and rows["Người “giữ lửa” ở Tân Trào"][7] == ""
    assert rows["Bài của Na Hang"][3] == "Văn Nam" and rows["Bài của Na Hang"][7] == "'\r@SUM(A1)"
