"""Articles: the list of the user's subtree, writing and editing (with photos), the article's page
with its workflow buttons, press contest entries and the jury's list."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import StaleObjectError, stale_form
from core.exports import csv_response
from documents.selectors import attachments_of
from publishing import access
from publishing.forms import (
    ArticleForm,
    ArticleReturnForm,
    ArticleUnitForm,
    ContestFilterForm,
    ContestForm,
    PhotoForm,
    PublishForm,
    UnpublishForm,
)
from publishing.models import Article, ContestEntry
from publishing.sanitise import body_for_editing
from publishing.services import articles as services
from publishing.views.exemplars import _attach_errors, status_search_page
from registrations.models import Registration
from units.access import map_date_of

# The jury's spreadsheet is exchanged between units: its headings stay Vietnamese.
CONTEST_HEADINGS = ["STT", "Thể loại", "Tên tác phẩm", "Tác giả", "Đơn vị gửi", "Trạng thái bài", "Ngày gửi dự thi", "Ghi chú"]  # vi-only  # fmt: skip


def _writable_units(scope, day):
    return scope.managed_units().valid_on(day).committees().select_related("parent").order_by("depth", "position", "code")


def _exemplar_choices(scope):
    return list(
        access.visible_exemplars(scope).exclude(status="not_recognised").select_related("unit").order_by("-status", "name")
    )


def _model_choices(scope):
    """Approved models of the units this person writes for."""
    return list(
        Registration.objects.filter(
            kind=Registration.Kind.MODEL, status__in=services.PUBLIC_MODEL_STATES, unit__in=scope.managed_units()
        )
        .select_related("unit")
        .order_by("unit__path", "title")
    )


def _photos(article):
    return list(attachments_of(article, images=True))


def _input(d) -> services.ArticleInput:
    return services.ArticleInput(
        title=d["title"],
        summary=d["summary"],
        body=d["body"],
        byline=d["byline"],
        exemplars=d.get("exemplars", []),
        models=d.get("models", []),
    )


@login_required
def article_list(request):
    scope = request.scope
    articles = access.visible_articles(scope).select_related("unit", "author").order_by("-updated_at", "-id")
    context = {
        **status_search_page(request, articles, Article.Status),
        "can_write": access.may_write(scope),
        "is_jury": scope.is_province_staff or scope.is_reviewer,
    }
    return render(request, "publishing/articles/list.html", context)


@login_required
def article_create(request):
    scope = request.scope
    if not access.may_write(scope):
        raise PermissionDenied(_("Vai trò của bạn không viết tin, bài."))
    units = _writable_units(scope, map_date_of(request))
    exemplars = _exemplar_choices(scope)
    if request.method == "POST":
        form = ArticleForm(request.POST, exemplars=exemplars, models=_model_choices(scope))
        unit_form = ArticleUnitForm(request.POST, units=units)
        if form.is_valid() and unit_form.is_valid():
            try:
                article = services.article_create(
                    unit=unit_form.cleaned_data["unit"], data=_input(form.cleaned_data), by=request.user,
                    client_token=form.cleaned_data.get("client_token"),
                )  # fmt: skip
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu bản nháp. Hãy tải ảnh lên (nếu có), rồi bấm “Gửi đăng”."))
                return redirect("articles:edit", article.pk)
    else:
        initial = {"client_token": uuid.uuid4()}
        exemplar_id = request.GET.get("guong")
        if exemplar_id and exemplar_id.isdigit():
            initial["exemplars"] = [int(exemplar_id)]
        form = ArticleForm(initial=initial, exemplars=exemplars, models=_model_choices(scope))
        unit_form = ArticleUnitForm(initial={"unit": scope.home_unit}, units=units)
    return render(request, "publishing/articles/form.html", {"form": form, "unit_form": unit_form, "article": None})


@login_required
def article_edit(request, pk: int):
    article = access.get_article_for(request, pk, need="edit")
    scope = request.scope
    exemplars = _exemplar_choices(scope)
    if request.method == "POST":
        form = ArticleForm(request.POST, exemplars=exemplars, models=_model_choices(scope))
        if form.is_valid():
            try:
                services.article_update(
                    article=article,
                    data=_input(form.cleaned_data),
                    by=request.user,
                    expected_version=form.cleaned_data.get("version") or 0,
                )
            except StaleObjectError as exc:
                lead = _(
                    "Tin, bài đã được người khác sửa sau khi bạn mở trang. Nội dung bạn vừa nhập vẫn còn dưới đây; hãy so với bản mới rồi lưu lại."
                )
                stale_form(form, exc, lead=lead, changes=False)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu tin, bài."))
                return redirect("articles:detail", article.pk)
    else:
        # Both kinds of links in one query (a small product of two joins).
        links = list(Article.objects.filter(pk=article.pk).values_list("exemplars", "registrations"))
        form = ArticleForm(
            initial={
                "title": article.title, "summary": article.summary, "body": body_for_editing(article.body), "byline": article.byline,
                "exemplars": sorted({e for e, _r in links if e}), "models": sorted({r for _e, r in links if r}),
                "version": article.version,
            },
            exemplars=exemplars,
            models=_model_choices(scope),
        )  # fmt: skip
    context = {"form": form, "article": article, "photos": _photos(article), "photo_form": PhotoForm()}
    return render(request, "publishing/articles/form.html", context)


@login_required
@require_POST
def article_photo_add(request, pk: int):
    article = access.get_article_for(request, pk, need="edit")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.article_add_photo(
                article=article, uploaded=form.cleaned_data["photo"], by=request.user, caption=form.cleaned_data["caption"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã tải ảnh lên. Bấm “Chèn ảnh” để đặt ảnh vào nội dung."))
    else:
        messages.error(request, _("Hãy chọn một tệp ảnh."))
    return redirect("articles:edit", article.pk)


def render_detail(request, article, *, status=200, **forms):
    scope = request.scope
    actions = access.article_actions(scope, article)
    entry = getattr(article, "contest_entry", None)  # loaded with the article (access helper)
    transitions = list(article.transitions.select_related("by").order_by("at", "id"))
    returned = (
        next((t for t in reversed(transitions) if t.action == "return"), None)
        if article.status == Article.Status.RETURNED
        else None
    )
    context = {
        "article": article,
        "actions": actions,
        "any_action": any(v for k, v in actions.items() if k not in ("photos", "contest")),
        "photos": _photos(article),
        "exemplars": list(article.exemplars.select_related("unit")),
        "models": list(article.registrations.select_related("unit")),
        "transitions": transitions,
        "returned": returned,
        "publish_form": forms.get("publish_form") or PublishForm(),
        "return_form": forms.get("return_form") or ArticleReturnForm(),
        "unpublish_form": UnpublishForm(),
        "contest_form": forms.get("contest_form")
        or ContestForm(
            initial={"category": entry.category, "author_name": entry.author_name, "note": entry.note}
            if entry
            else {
                "category": ContestEntry.Category.ONLINE,
                "author_name": article.byline or (article.author.full_name if article.author else ""),
            }
        ),  # fmt: skip
        "contest_entry": entry,
        "contest_name": ContestEntry.CONTEST_NAME,
        "now": timezone.now(),
    }
    return render(request, "publishing/articles/detail.html", context, status=status)


@login_required
def article_detail(request, pk: int):
    return render_detail(request, access.get_article_for(request, pk))


def _done(request, article, transition, done_text):
    if transition is None:
        messages.info(request, _("Tin, bài đã ở trạng thái này (có thể bạn vừa bấm hai lần)."))
    else:
        messages.success(request, done_text)
    return redirect("articles:detail", article.pk)


def _step(request, article, run, done_text):
    """Run one workflow step of the services; a refusal (ValidationError) is shown on the
    article's page, a success with `done_text` (a text, or a function of the transition)."""
    try:
        transition = run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("articles:detail", article.pk)
    return _done(request, article, transition, done_text(transition) if callable(done_text) else done_text)


@login_required
@require_POST
def article_submit(request, pk: int):
    article = access.get_article_for(request, pk, need="write")
    return _step(
        request, article, lambda: services.article_submit(article=article, by=request.user),
        _("Đã gửi đăng. Cán bộ tỉnh sẽ biên tập và duyệt đăng."),
    )  # fmt: skip


@login_required
@require_POST
def article_publish(request, pk: int):
    article = access.get_article_for(request, pk, need="publish")
    form = PublishForm(request.POST)
    if not form.is_valid():
        return render_detail(request, article, status=400, publish_form=form)

    def text(transition):
        if transition is not None and article.published_at > timezone.now():
            return _("Đã duyệt đăng; tin, bài sẽ hiện trên trang tin công khai từ thời điểm đã hẹn.")
        return _("Đã đăng tin, bài lên trang tin công khai.")

    d = form.cleaned_data
    return _step(
        request, article,
        lambda: services.article_publish(article=article, by=request.user, publish_at=d["publish_at"], comment=d["comment"]),
        text,
    )  # fmt: skip


@login_required
@require_POST
def article_return(request, pk: int):
    article = access.get_article_for(request, pk, need="publish")
    form = ArticleReturnForm(request.POST)
    if not form.is_valid():
        return render_detail(request, article, status=400, return_form=form)
    return _step(
        request, article, lambda: services.article_return(article=article, by=request.user, comment=form.cleaned_data["comment"]),
        _("Đã trả lại tin, bài cho đơn vị viết bài."),
    )  # fmt: skip


@login_required
@require_POST
def article_unpublish(request, pk: int):
    article = access.get_article_for(request, pk, need="publish")
    form = UnpublishForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    return _step(
        request, article, lambda: services.article_unpublish(article=article, by=request.user, comment=comment),
        _("Đã gỡ tin, bài khỏi trang tin công khai."),
    )  # fmt: skip


@login_required
@require_POST
def article_contest(request, pk: int):
    article = access.get_article_for(request, pk, need="write")
    form = ContestForm(request.POST)
    if not form.is_valid():
        return render_detail(request, article, status=400, contest_form=form)
    d = form.cleaned_data
    try:
        services.contest_enter(
            article=article, by=request.user, category=d["category"], author_name=d["author_name"], note=d["note"]
        )
    except ValidationError as exc:
        _attach_errors(form, exc)
        return render_detail(request, article, status=400, contest_form=form)
    messages.success(request, _("Đã gửi tác phẩm dự thi."))
    return redirect("articles:detail", article.pk)


def _contest_entries(request):
    scope = request.scope
    access.require_jury(request)
    units = scope.visible_units().valid_on(map_date_of(request)).committees().order_by("depth", "position", "code")
    form = ContestFilterForm(request.GET or None, units=units)
    entries = (
        ContestEntry.objects.filter(scope.units_q("unit"))
        .select_related("article", "unit", "article__unit")
        .order_by("category", "unit__path", "-entered_at")
    )
    if form.is_bound and form.is_valid():
        if form.cleaned_data["category"]:
            entries = entries.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["unit"]:
            entries = entries.filter(unit__path__startswith=form.cleaned_data["unit"].path)
    return form, entries


@login_required
def contest_list(request):
    form, entries = _contest_entries(request)
    query = request.GET.copy()
    query.pop("trang", None)
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    context = {"form": form, "page": page, "query": query.urlencode(), "contest_name": ContestEntry.CONTEST_NAME}
    return render(request, "publishing/articles/contest.html", context)


@login_required
def contest_export(request):
    _form, entries = _contest_entries(request)
    # Exchanged between units: the headings and the category and status names stay Vietnamese.
    with translation.override("vi"):
        rows = [CONTEST_HEADINGS]
        for n, e in enumerate(entries, start=1):
            rows.append([n, e.get_category_display(), e.article.title, e.author_name, e.unit.name, e.article.get_status_display(),
                         timezone.localtime(e.entered_at).strftime("%d/%m/%Y"), e.note])  # fmt: skip
        return csv_response(rows, filename="tac-pham-du-thi.csv")
