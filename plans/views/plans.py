"""Plans: list, detail, create and edit the header, issue, amend, derive a lower plan, the
cascade of lower plans, the comparison with the parent, the history and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.models import Campaign
from campaigns.selection import pin_campaign, selected_campaign
from core.concurrency import StaleObjectError, stale_errors, stale_form
from core.dates import short_datetime
from core.paging import paginate
from core.text import fold, slugify_vi
from documents.services import latest_document
from documents.views import document_ask
from plans import forms, selectors
from plans.access import (
    can_edit_plan,
    can_follow_plan,
    can_view_plan,
    get_plan_for,
    plan_visible_q,
)
from plans.models import Plan
from plans.services import plan_lifecycle
from plans.services import plans as plan_services


def _upper_plan_choices(unit):
    """Issued plans of the units above `unit` (what a plan may be based on)."""
    ancestors = [a.pk for a in unit.ancestors()]
    return (
        Plan.objects.issued()
        .filter(unit_id__in=ancestors)
        .select_related("unit", "campaign")
        .order_by("-campaign__year", "-issued_on")
    )


def _derivable(scope, plan: Plan):
    """(unit, existing plan) for the lower committee this person may write a plan for from `plan`."""
    if not plan.is_current:
        return None, None
    for unit in scope.acted_committees():
        if unit.parent_id == plan.unit_id:
            return unit, plan_lifecycle.plan_for_unit_based_on(plan, unit)
    return None, None


@login_required
def plan_list(request):
    scope = request.scope
    campaign = selected_campaign(request)
    form = forms.PlanFilterForm(request.GET or None, initial={"campaign": campaign})
    plans = Plan.objects.filter(plan_visible_q(scope)).for_list()
    chosen_campaign = campaign
    if form.is_valid():
        data = form.cleaned_data
        chosen_campaign = data.get("campaign") if "campaign" in request.GET else campaign
        if data.get("status"):
            plans = plans.filter(status=data["status"])
        if data.get("q"):
            plans = plans.filter(search_key__contains=fold(data["q"]))
    if chosen_campaign is not None:
        plans = plans.filter(campaign=chosen_campaign)
    plans = plans.order_by("unit__depth", "unit__position", "unit__code", "-revision", "-id")
    page, query = paginate(request, plans, 30)
    # What this person can start: a plan of their own committee, or one based on the upper plan.
    own = scope.acted_committees()
    upper_plans = []
    if own and campaign is not None:
        parents = {u.parent_id for u in own if u.parent_id}
        have = set(
            Plan.objects.filter(campaign=campaign, unit__in=own, superseded_at__isnull=True).values_list("unit_id", flat=True)
        )
        upper_plans = [
            (p, [u for u in own if u.parent_id == p.unit_id and u.pk not in have])
            for p in Plan.objects.current().filter(campaign=campaign, unit_id__in=parents).select_related("unit")
        ]
        upper_plans = [(p, units, ", ".join(u.committee_name for u in units)) for p, units in upper_plans if units]
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "can_create": bool(own),
            "upper_plans": upper_plans,
            "campaign": chosen_campaign,
        },
    )


@login_required
def plan_detail(request, pk: int):
    scope = request.scope
    plan = get_plan_for(request, pk)
    pin_campaign(request, plan.campaign)  # the page works in the plan's year
    doc = selectors.plan_document(plan)
    today = timezone.localdate()
    follow = can_follow_plan(scope, plan)
    context = {
        "plan": plan,
        "doc": doc,
        "can_edit": can_edit_plan(scope, plan) and plan.is_draft,
        "can_amend": can_edit_plan(scope, plan) and plan.is_current,
        "can_follow": follow,
        "today": today,
    }
    if follow:
        context["stats"] = selectors.plan_task_stats(plan, today)
        context["tracked"] = selectors.tracked_assignments(doc.all_tasks)
        context["revisions"] = selectors.revisions_of(plan)
        if plan.is_issued:
            context["cascade"] = selectors.cascade_summary(plan)
    if context["can_edit"]:
        context["problems"] = plan_lifecycle.issue_problems(plan)
    if context["can_amend"]:
        context["pending_amendment"] = Plan.objects.filter(previous=plan, status=Plan.Status.DRAFT).first()
    derive_unit, derived = _derivable(scope, plan)
    context["derive_unit"], context["derived"] = derive_unit, derived
    if plan.superseded_at:
        context["replacement"] = Plan.objects.filter(previous=plan).only("id", "revision", "number").first()
    context["pdf"] = latest_document(plan, "plan")
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_create(request):
    scope = request.scope
    units = scope.acted_committees()
    if not units:
        raise PermissionDenied(_("Chỉ cán bộ phụ trách đơn vị mới tạo kế hoạch."))
    unit = units[0]
    campaigns = Campaign.objects.order_by("-year")
    campaign = selected_campaign(request)
    choices = _upper_plan_choices(unit)
    hint = plan_services.number_suggestion(unit=unit, year=plan_services.document_year(campaign))
    if request.method == "POST":
        form = forms.PlanCreateForm(request.POST, campaigns=campaigns, based_on_choices=choices, number_hint=hint)
        if form.is_valid():
            data = form.cleaned_data
            fields = {k: data[k] for k in plan_services.PLAN_FIELDS if k in data}
            try:
                plan = plan_services.plan_create(
                    unit=unit, campaign=data["campaign"], by=request.user, based_on=data.get("based_on"), **fields
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã tạo dự thảo kế hoạch. Hãy thêm các mục và nhiệm vụ, rồi ban hành."))
                return redirect("plans:plan_detail", pk=plan.pk)
    else:
        initial = plan_services.plan_defaults(unit=unit, campaign=campaign) if campaign else {}
        initial["campaign"] = campaign
        form = forms.PlanCreateForm(initial=initial, campaigns=campaigns, based_on_choices=choices, number_hint=hint)
    return render(request, "plans/plan_form.html", {"form": form, "unit": unit, "plan": None})


@login_required
def plan_edit(request, pk: int):
    plan = get_plan_for(request, pk, need="edit")
    if not plan.is_draft and request.method != "POST":
        messages.warning(request, plan_services.LOCKED_MESSAGE)
        return redirect("plans:plan_detail", pk=plan.pk)
    year = plan.issued_on.year if plan.issued_on else plan_services.document_year(plan.campaign)
    hint = plan_services.number_suggestion(unit=plan.unit, year=year, exclude=plan)
    kwargs = {"based_on_choices": _upper_plan_choices(plan.unit), "number_hint": hint, "instance": plan}
    if request.method == "POST":
        form = forms.PlanForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            fields = {k: data[k] for k in plan_services.PLAN_FIELDS if k in data}
            try:
                plan_services.plan_update(
                    plan=plan,
                    by=request.user,
                    expected_version=data.get("version") or 0,
                    based_on=data.get("based_on"),
                    **fields,
                )
            except StaleObjectError as exc:
                stale_form(form, exc)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu phần đầu kế hoạch."))
                return redirect("plans:plan_detail", pk=plan.pk)
    else:
        form = forms.PlanForm(**kwargs)
    return render(request, "plans/plan_form.html", {"form": form, "unit": plan.unit, "plan": plan})


@login_required
@require_POST
def plan_issue(request, pk: int):
    plan = get_plan_for(request, pk, need="edit")
    try:
        version = int(request.POST.get("version") or 0) or None
    except ValueError:
        version = None
    try:
        issued, changed = plan_lifecycle.plan_issue(plan=plan, by=request.user, expected_version=version)
    except StaleObjectError as exc:
        for line in stale_errors(exc)[:-1]:
            messages.error(request, line)
        messages.error(request, _("Kế hoạch chưa được ban hành; hãy xem lại nội dung mới rồi bấm ban hành lần nữa."))
        return redirect("plans:plan_detail", pk=plan.pk)
    except ValidationError as exc:
        messages.error(request, _("Chưa ban hành được kế hoạch: %(reasons)s") % {"reasons": " ".join(exc.messages)})
        return redirect("plans:plan_detail", pk=plan.pk)
    if changed:
        messages.success(
            request,
            _("Đã ban hành %(plan)s. Kế hoạch được khóa; các đơn vị được giao việc đã nhận thông báo.")
            % {"plan": issued.display_label},
        )
    else:
        messages.info(
            request, _("Kế hoạch đã được ban hành lúc %(at)s; không có gì thay đổi.") % {"at": short_datetime(issued.issued_at)}
        )
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_amend(request, pk: int):
    plan = get_plan_for(request, pk, need="edit")
    try:
        draft, created = plan_lifecycle.plan_amend(plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:plan_detail", pk=plan.pk)
    if created:
        messages.success(
            request,
            _("Đã tạo dự thảo phiên bản %(new)s. Phiên bản %(current)s vẫn có hiệu lực cho đến khi phiên bản mới được ban hành.")
            % {"new": draft.revision, "current": plan.revision},
        )
    else:
        messages.info(request, _("Đã có dự thảo phiên bản %(n)s; mở dự thảo đó.") % {"n": draft.revision})
    return redirect("plans:plan_detail", pk=draft.pk)


@login_required
@require_POST
def plan_delete(request, pk: int):
    plan = get_plan_for(request, pk, need="edit")
    try:
        plan_services.plan_delete(by=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(request, _("Đã xóa dự thảo kế hoạch."))
    return redirect("plans:plan_list")


@login_required
@require_POST
def plan_derive(request, pk: int):
    parent = get_plan_for(request, pk)
    unit, _existing = _derivable(request.scope, parent)
    if unit is None:
        if not parent.is_current:
            messages.error(request, _("Kế hoạch này chưa ban hành hoặc đã được thay thế; hãy căn cứ phiên bản đang có hiệu lực."))
            return redirect("plans:plan_detail", pk=parent.pk)
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị trực thuộc mới xây dựng kế hoạch căn cứ kế hoạch này."))
    try:
        plan, created = plan_lifecycle.plan_derive(parent=parent, unit=unit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:plan_detail", pk=parent.pk)
    if created:
        messages.success(
            request,
            _(
                "Đã tạo dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên: các mục được sao sang, nhiệm vụ giao cho cấp "
                "của đơn vị trở thành nhiệm vụ của đơn vị, nhiệm vụ cho cấp dưới được chuyển tiếp. Hãy sửa cho phù hợp rồi ban hành."
            ),
        )
    else:
        messages.info(request, _("Đơn vị đã có kế hoạch căn cứ kế hoạch này; mở kế hoạch đó."))
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
def plan_cascade(request, pk: int):
    plan = get_plan_for(request, pk, need="follow")
    rows = selectors.cascade_rows(plan)
    issued = sum(1 for r in rows if r.state == "issued")
    drafting = sum(1 for r in rows if r.state == "draft")
    return render(
        request,
        "plans/plan_cascade.html",
        {"plan": plan, "rows": rows, "issued": issued, "drafting": drafting, "total": len(rows)},
    )


@login_required
def plan_diff(request, pk: int):
    scope = request.scope
    plan = get_plan_for(request, pk)
    against = request.GET.get("voi", "cap-tren")
    if against == "truoc" and plan.previous_id:
        other = plan.previous
    elif plan.based_on_id:
        other, against = plan.based_on, "cap-tren"
    elif plan.previous_id:
        other, against = plan.previous, "truoc"
    else:
        other = None
    if other is not None and not can_view_plan(scope, other):
        raise PermissionDenied(_("Bạn không xem được kế hoạch dùng để so sánh."))
    changes = selectors.plan_diff(plan, other) if other else []
    counts = {k: sum(1 for c in changes if c.kind == k) for k in ("added", "removed", "changed", "same")}
    return render(
        request,
        "plans/plan_diff.html",
        {
            "plan": plan,
            "other": other,
            "against": against,
            "changes": changes,
            "counts": counts,
            "header_changes": selectors.plan_header_diff(plan, other) if other else [],
        },
    )


@login_required
def plan_history(request, pk: int):
    plan = get_plan_for(request, pk, need="follow")
    revisions = selectors.revisions_of(plan)
    records = list(plan.history.select_related("history_user").order_by("-history_date")[:100])
    events = []
    labels = {
        "+": pgettext("plan history", "Tạo dự thảo"),
        "~": pgettext("plan history", "Sửa"),
        "-": pgettext("plan history", "Xóa"),
    }
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changed = []
        if older is not None:
            delta = record.diff_against(older, excluded_fields=["version", "search_key", "updated_at"])
            changed = [str(Plan._meta.get_field(c.field).verbose_name) for c in delta.changes]
        action = labels.get(record.history_type, pgettext("plan history", "Sửa"))
        if older is not None and older.status == Plan.Status.DRAFT and record.status == Plan.Status.ISSUED:
            action = pgettext("plan history", "Ban hành")
        events.append({"record": record, "action": action, "changed": changed})
    return render(request, "plans/plan_history.html", {"plan": plan, "revisions": revisions, "events": events})


@login_required
@require_http_methods(["GET", "POST"])
def plan_pdf(request, pk: int):
    """POST asks for the PDF of the plan as it is now; GET shows it if asked for already (never creates it)."""
    plan = get_plan_for(request, pk)
    doc = selectors.plan_document(plan)
    number = (plan.number or "du-thao").split("/")[0]
    filename = (
        f"ke-hoach-{number}-{slugify_vi(plan.unit.short_name, 30)}-{plan.issued_on.year if plan.issued_on else 'du-thao'}.pdf"
    )
    # The document's title (stored with it, set in the PDF): Vietnamese.
    title = f"{plan.short_label} — {plan.unit.committee_name}" + ("" if plan.is_issued else " (dự thảo)")  # vi-only
    return document_ask(
        request,
        owner=plan,
        kind="plan",
        source_key=f"plan:{plan.pk}:{doc.digest()}",
        title=title,
        filename=filename,
        back=reverse("plans:plan_detail", kwargs={"pk": plan.pk}),
    )
