"""Who may see and do what with exemplars, articles and press contest entries (the scope rule is
in accounts/scope.py; these functions only combine its answers).

- Exemplars and articles belong to a unit. Officers, provincial staff, reviewers and observers see
  those of their subtree; a cadre sees none (cadres do not nominate nor write for the website).
- A unit's officers (or any level above it) nominate exemplars within their subtree, write
  articles for their unit, change them while draft or returned, and send them ("gửi đăng").
- Provincial staff above the unit decide on exemplars (recognised or not, with a reason), edit
  articles in review or published, publish (possibly at a later time), return with a comment,
  unpublish.
- The press contest's jury list is for provincial staff and reviewers (Ban Tuyên giáo).
- Outsiders get 404, insiders without the right 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import Scope
from core.access import checked
from documents import access as documents_access
from publishing.models import Article, Exemplar
from registrations.models import Registration

AStatus = Article.Status
EStatus = Exemplar.Status


def may_write(scope: Scope) -> bool:
    """Holds a role that writes articles and nominates exemplars somewhere."""
    return not scope.is_read_only


# --- exemplars -----------------------------------------------------------------------------------
def visible_exemplars(scope: Scope):
    q = Q(pk__in=[])
    if scope.visible_paths:
        q = scope.units_q("unit") | scope.units_q("nominating_unit")
    return Exemplar.objects.filter(q)


def can_view_exemplar(scope: Scope, exemplar: Exemplar) -> bool:
    return scope.in_subtree(exemplar.unit) or scope.in_subtree(exemplar.nominating_unit)


def can_edit_exemplar(scope: Scope, exemplar: Exemplar) -> bool:
    return exemplar.status == EStatus.NOMINATED and scope.manages(exemplar.nominating_unit)


def can_decide_exemplar(scope: Scope, exemplar: Exemplar) -> bool:
    return scope.is_province_staff and scope.manages(exemplar.unit)


def get_exemplar_for(request, pk: int, need: str = "view") -> Exemplar:
    """need: "view", "edit" (the nominating unit, before the decision), "decide" (provincial staff)."""
    exemplar = Exemplar.objects.for_list().select_related("nominating_unit", "nominated_by", "decided_by").filter(pk=pk).first()
    return checked(
        exemplar,
        request.scope,
        need,
        view=can_view_exemplar,
        not_found=_("Không tìm thấy gương điển hình."),
        needs={
            "edit": (can_edit_exemplar, _("Chỉ đơn vị đề nghị mới sửa được đề nghị này, khi tỉnh chưa xét.")),
            "decide": (can_decide_exemplar, _("Chỉ cán bộ Ủy ban MTTQ tỉnh mới xét công nhận gương điển hình.")),
        },
    )


def registration_for_nomination(request, pk) -> Registration | None:
    """The registration an exemplar is nominated from: seen by the user, approved or later, and of
    a unit the user manages. None when no pk is given; 404 / 403 as usual otherwise."""
    if not pk:
        return None
    from registrations.access import get_registration_for

    try:
        registration = get_registration_for(request, int(pk))
    except (TypeError, ValueError) as exc:
        raise Http404(_("Không tìm thấy đăng ký.")) from exc
    if registration.status in (Registration.Status.DRAFT, Registration.Status.SUBMITTED, Registration.Status.RETURNED):
        raise PermissionDenied(_("Chỉ đề nghị gương điển hình từ đăng ký đã được duyệt."))
    if not request.scope.manages(registration.unit):
        raise PermissionDenied(_("Bạn không quản lý đơn vị của đăng ký này."))
    return registration


def can_nominate_from(scope: Scope, registration: Registration) -> bool:
    """Shown as a button on the registration's page."""
    return registration.status in (
        Registration.Status.APPROVED,
        Registration.Status.IN_PROGRESS,
        Registration.Status.COMPLETED,
        Registration.Status.EVALUATED,
    ) and scope.manages(registration.unit)


# --- articles ------------------------------------------------------------------------------------
def visible_articles(scope: Scope):
    q = Q(author_id=scope.user.pk) if scope.user.is_authenticated else Q(pk__in=[])
    if scope.visible_paths:
        q |= scope.units_q("unit")
    return Article.objects.filter(q)


def can_view_article(scope: Scope, article: Article) -> bool:
    return (article.author_id is not None and article.author_id == scope.user.pk) or scope.in_subtree(article.unit)


def is_editor(scope: Scope, article: Article) -> bool:
    """Provincial staff above (or at) the article's unit: edit in review, publish, return, unpublish."""
    return scope.is_province_staff and scope.manages(article.unit)


def is_writer(scope: Scope, article: Article) -> bool:
    """The writing unit's officers, or a level above."""
    return scope.manages(article.unit)


def can_edit_article(scope: Scope, article: Article) -> bool:
    if article.is_editable:
        return is_writer(scope, article)
    return article.status in (AStatus.IN_REVIEW, AStatus.PUBLISHED) and is_editor(scope, article)


def can_submit_article(scope, article) -> bool:
    return article.is_editable and is_writer(scope, article)


def can_publish_article(scope, article) -> bool:
    return article.status in (AStatus.IN_REVIEW, AStatus.UNPUBLISHED) and is_editor(scope, article)


def can_return_article(scope, article) -> bool:
    return article.status == AStatus.IN_REVIEW and is_editor(scope, article)


def can_unpublish_article(scope, article) -> bool:
    return article.status == AStatus.PUBLISHED and is_editor(scope, article)


def can_enter_contest_article(scope, article) -> bool:
    return is_writer(scope, article) and not scope.is_read_only


def article_actions(scope, article) -> dict[str, bool]:
    return {
        "edit": can_edit_article(scope, article),
        "submit": can_submit_article(scope, article),
        "publish": can_publish_article(scope, article),
        "return": can_return_article(scope, article),
        "unpublish": can_unpublish_article(scope, article),
        "contest": can_enter_contest_article(scope, article),
        "photos": can_edit_article(scope, article),
    }


def get_article_for(request, pk: int, need: str = "view") -> Article:
    """need: "view", "edit", "write" (the writing unit's steps: submit, photos, contest), "publish" (provincial staff)."""
    article = Article.objects.select_related("unit", "author", "cover", "published_by", "contest_entry").filter(pk=pk).first()
    return checked(
        article,
        request.scope,
        need,
        view=can_view_article,
        not_found=_("Không tìm thấy tin, bài."),
        needs={
            "edit": (can_edit_article, _("Bạn không sửa được tin, bài này ở trạng thái hiện tại.")),
            "write": (
                lambda scope, a: is_writer(scope, a) and not scope.is_read_only,
                _("Chỉ đơn vị viết bài mới thực hiện được thao tác này."),
            ),
            "publish": (is_editor, _("Chỉ cán bộ Ủy ban MTTQ tỉnh mới duyệt đăng tin, bài.")),
        },
    )


def require_jury(request) -> None:
    if not (request.scope.is_province_staff or request.scope.is_reviewer):
        raise PermissionDenied(_("Danh sách dự thi dành cho cán bộ tỉnh và Ban Tuyên giáo."))


# An article's photos: seen by whoever may see the article, added by whoever may edit it.
documents_access.register(Article, can_view=can_view_article, can_change=can_edit_article)
