"""Writing a draft plan's sections and tasks. Every save is refused once the plan is issued (the
form is shown again with what the user typed and the reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import StaleObjectError, stale_form
from plans import forms
from plans.access import get_plan_for, get_section_for, get_task_for
from plans.models import PlanSection
from plans.services import plans as plan_services


def _target_units(plan):
    """The plan's unit and the committees below it (what a section or task can be addressed to)."""
    return plan.campaign.units().committees().filter(path__startswith=plan.unit.path).order_by("path")


def _locked_redirect(request, plan):
    messages.warning(request, plan_services.LOCKED_MESSAGE)
    return redirect("plans:plan_detail", pk=plan.pk)


def _save_section(request, plan, section=None):
    if not plan.is_draft and request.method != "POST":
        return _locked_redirect(request, plan)
    units = _target_units(plan)
    initial = {}
    if section is None:
        part = request.GET.get("phan")
        initial["part"] = part if part in PlanSection.Part.values else PlanSection.Part.CONTENTS
    form = forms.SectionForm(request.POST or None, instance=section, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = plan_services.section_save(
                plan=plan,
                by=request.user,
                section=section,
                expected_version=data.get("version") if section else None,
                part=data["part"],
                number=data["number"],
                heading=data["heading"],
                body=data["body"],
                target_unit=data.get("target_unit"),
                target_level=data.get("target_level") or "",
                position=data.get("position"),
                token=data.get("token") or None,
            )
        except StaleObjectError as exc:
            stale_form(form, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            label = f"{saved.number} {saved.heading}".strip()
            messages.success(request, _("Đã lưu mục %(section)s.") % {"section": label} if label else _("Đã lưu mục."))
            return redirect(f"{plan_detail_url(plan)}#muc-{saved.pk}")
    return render(request, "plans/section_form.html", {"form": form, "plan": plan, "section": section})


def plan_detail_url(plan) -> str:
    from django.urls import reverse

    return reverse("plans:plan_detail", kwargs={"pk": plan.pk})


@login_required
def section_add(request, pk: int):
    return _save_section(request, get_plan_for(request, pk, need="edit"))


@login_required
def section_edit(request, pk: int):
    section = get_section_for(request, pk)
    return _save_section(request, section.plan, section)


@login_required
@require_POST
def section_delete(request, pk: int):
    section = get_section_for(request, pk)
    try:
        plan_services.section_delete(by=request.user, section=section)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xóa mục (cùng các nhiệm vụ của mục)."))
    return redirect("plans:plan_detail", pk=section.plan_id)


def _save_task(request, plan, task=None):
    if not plan.is_draft and request.method != "POST":
        return _locked_redirect(request, plan)
    units = _target_units(plan)
    initial = {}
    if task is None:
        section_id = request.GET.get("muc")
        if section_id and section_id.isdigit():
            initial["section"] = int(section_id)
        if plan.campaign_id:
            initial["due_on"] = plan.campaign.ends_on
    form = forms.TaskForm(request.POST or None, instance=task, plan=plan, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = plan_services.task_save(
                plan=plan,
                by=request.user,
                task=task,
                expected_version=data.get("version") if task else None,
                section=data.get("section"),
                kind=data["kind"],
                text=data["text"],
                target_unit=data.get("target_unit"),
                target_level=data.get("target_level") or "",
                due_on=data.get("due_on"),
                position=data.get("position"),
                token=data.get("token") or None,
            )
        except StaleObjectError as exc:
            stale_form(form, exc)
        except ValidationError as exc:
            form.add_error("due_on" if exc.code in {"due_before_plan", "no_due"} else None, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            anchor = f"#muc-{saved.section_id}" if saved.section_id else "#han-bao-cao"
            return redirect(plan_detail_url(plan) + anchor)
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": task})


@login_required
def task_add(request, pk: int):
    return _save_task(request, get_plan_for(request, pk, need="edit"))


@login_required
def task_edit(request, pk: int):
    task = get_task_for(request, pk)
    return _save_task(request, task.plan, task)


@login_required
@require_POST
def task_delete(request, pk: int):
    task = get_task_for(request, pk)
    try:
        plan_services.task_delete(by=request.user, task=task)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xóa nhiệm vụ."))
    return redirect("plans:plan_detail", pk=task.plan_id)
