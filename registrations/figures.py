"""What is counted of registrations and of the cadres who register (the figure registry, core/figures.py).

Registrations of the campaign, as they stand when counted; drafts were never sent to anyone, so
every figure counts the sent ones (`SENT`) but the breakdown by kind and status, which shows the
drafts apart. Cadres: active cadre memberships (of active accounts), and those whose person sent
at least one task of the campaign. Families: "reg" (registrations), "cad" (cadres).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_noop

from accounts.models import Membership
from accounts.services import CADRES as CAD
from core import figures
from core.roles import Role
from registrations.models import Registration

Kind, Status, Rating = Registration.Kind, Registration.Status, Registration.Rating
REG = "reg"
SENT = ~Q(status=Status.DRAFT)

# The keys other pages read, by the value they count.
BY_KIND = {Kind.CONTENT: "reg_content", Kind.TASK: "reg_task", Kind.MODEL: "reg_model"}
BY_STATUS = {
    Status.SUBMITTED: "reg_submitted",
    Status.RETURNED: "reg_returned",
    Status.APPROVED: "reg_approved",
    Status.IN_PROGRESS: "reg_in_progress",
    Status.COMPLETED: "reg_completed",
    Status.EVALUATED: "reg_evaluated",
}
BY_RATING = {Rating.EXCELLENT: "reg_excellent", Rating.GOOD: "reg_good", Rating.DONE: "reg_done", Rating.NOT_DONE: "reg_not_done"}
KIND_STATUS = "reg"  # breakdown: every registration, drafts too, by kind and status ("reg:<kind>:<status>")
SENT_BY_FIELD = "field"  # breakdown: sent registrations by field ("field:<id>")
MODELS_BY_FIELD = "model_field"  # breakdown: sent models by field ("model_field:<id>")
CADRES, CADRES_REGISTERED = "cadres", "cadres_reg"


def _registrations(window):
    return Registration.objects.filter(campaign_id=window.campaign_id)


def sent_task_of(campaign_id, person):
    """A task of the campaign sent (not a draft) by this person (a value or an OuterRef)."""
    return Registration.objects.filter(SENT, campaign_id=campaign_id, kind=Kind.TASK, person_id=person)


def _cadres(window):
    return (
        Membership.objects.active()
        .filter(role=Role.CADRE)
        .annotate(registered=Exists(sent_task_of(window.campaign_id, OuterRef("user_id"))))
    )


def _register():
    figures.register_source("registrations", family=REG, rows=_registrations)
    add = lambda key, label, group, q: figures.register("registrations", key, label, group, SENT & q)  # noqa: E731
    g = gettext_noop("Đăng ký thực hiện")
    add(BY_KIND[Kind.CONTENT], gettext_noop("Nội dung “Dân vận khéo” của tập thể"), g, Q(kind=Kind.CONTENT))
    add(BY_KIND[Kind.TASK], gettext_noop("Việc làm “Dân vận khéo” của cán bộ, đảng viên"), g, Q(kind=Kind.TASK))
    add(BY_KIND[Kind.MODEL], gettext_noop("Mô hình “Dân vận khéo”"), g, Q(kind=Kind.MODEL))
    g = gettext_noop("Tình trạng đăng ký")
    add(BY_STATUS[Status.SUBMITTED], gettext_noop("Chờ duyệt"), g, Q(status=Status.SUBMITTED))
    add(BY_STATUS[Status.RETURNED], gettext_noop("Bị trả lại để bổ sung"), g, Q(status=Status.RETURNED))
    add(BY_STATUS[Status.APPROVED], gettext_noop("Đã duyệt, chưa triển khai"), g, Q(status=Status.APPROVED))
    add(BY_STATUS[Status.IN_PROGRESS], gettext_noop("Đang thực hiện"), g, Q(status=Status.IN_PROGRESS))
    add(BY_STATUS[Status.COMPLETED], gettext_noop("Đã hoàn thành, chờ đánh giá"), g, Q(status=Status.COMPLETED))
    add(BY_STATUS[Status.EVALUATED], gettext_noop("Đã đánh giá"), g, Q(status=Status.EVALUATED))
    g = gettext_noop("Kết quả đánh giá")
    evaluated = Q(status=Status.EVALUATED)
    add(BY_RATING[Rating.EXCELLENT], gettext_noop("Hoàn thành xuất sắc"), g, evaluated & Q(rating=Rating.EXCELLENT))
    add(BY_RATING[Rating.GOOD], gettext_noop("Hoàn thành tốt"), g, evaluated & Q(rating=Rating.GOOD))
    add(BY_RATING[Rating.DONE], gettext_noop("Hoàn thành"), g, evaluated & Q(rating=Rating.DONE))
    add(BY_RATING[Rating.NOT_DONE], gettext_noop("Không hoàn thành"), g, evaluated & Q(rating=Rating.NOT_DONE))
    g = gettext_noop("Mô hình “Dân vận khéo”")
    model = Q(kind=Kind.MODEL)
    add("model_running", gettext_noop("Mô hình đang triển khai"), g, model & Q(status__in=[Status.APPROVED, Status.IN_PROGRESS]))
    add("model_completed", gettext_noop("Mô hình đã hoàn thành"), g, model & Q(status__in=[Status.COMPLETED, Status.EVALUATED]))
    add(
        "model_good",
        gettext_noop("Mô hình được đánh giá hoàn thành tốt trở lên"),
        g,
        model & evaluated & Q(rating__in=[Rating.EXCELLENT, Rating.GOOD]),
    )
    figures.register_breakdown("registrations", KIND_STATUS, ("kind", "status"))
    with_field = Q(field__isnull=False)
    figures.register_breakdown("registrations", SENT_BY_FIELD, ("field_id",), SENT & with_field)
    figures.register_breakdown("registrations", MODELS_BY_FIELD, ("field_id",), SENT & model & with_field)

    # Not in report forms (the dashboards and the statistics page show them with labels of their own).
    figures.register_source("cadres", family=CAD, rows=_cadres)
    figures.register("cadres", CADRES, "", "", reported=False)
    figures.register("cadres", CADRES_REGISTERED, "", "", Q(registered=True), reported=False)


_register()


# --- what the services say they changed ------------------------------------------------------------------
def cadre_units(person_ids) -> set[int]:
    """The units where these people are cadres (their memberships count in the cadre figures)."""
    ids = {p for p in person_ids if p}
    if not ids:
        return set()
    return set(Membership.objects.filter(user_id__in=ids, role=Role.CADRE).values_list("unit_id", flat=True))


def registration_changed(*, units, campaigns, persons=(), sent_changed: bool = False) -> None:
    """Registrations of these units and campaigns changed; `sent_changed`: a cadre's task appeared,
    went, moved or left the draft state, so whether its person has sent one may have changed."""
    for campaign_id in sorted({getattr(c, "pk", c) for c in campaigns} - {None}):  # in order: see dashboards' _lock
        figures.changed(families=[REG], units=units, campaign=campaign_id)
        if sent_changed:
            figures.changed(families=[CAD], units=cadre_units(persons), campaign=campaign_id)
