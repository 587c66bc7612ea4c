"""Plans: drafting, deriving a lower plan from the upper one, issuing (which locks the plan and
assigns its tasks), and amending an issued plan as a new revision.

Every function validates, writes in one transaction and raises ValidationError (Vietnamese) for
refused input or PermissionDenied for a refused actor; nothing is written when it raises.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scope import Scope
from campaigns.services import require_open
from core import docformat
from core.concurrency import bump_version
from core.dates import short_date
from plans.models import Plan, PlanSection, PlanTask, TargetLevel
from units.models import Unit

NUMBER_RE = re.compile(r"^\s*(?:số\s*:?\s*)?(\d+)\s*/\s*(\S*)", re.IGNORECASE)  # vi-only (a pattern, not text)
DEFAULT_SYMBOL = "KH-MTTQ-BTT"
KIND_ORDER = [Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.TOWNSHIP, Unit.Kind.SPECIAL_ZONE]
# Words of the generated plan text (lower_units_label, plan_defaults): document text, Vietnamese.
KIND_PLURAL = {
    Unit.Kind.COMMUNE: "xã",
    Unit.Kind.WARD: "phường",
    Unit.Kind.TOWNSHIP: "thị trấn",
    Unit.Kind.SPECIAL_ZONE: "đặc khu",
}  # vi-only
PLAN_FIELDS = (
    "board",
    "number",
    "issued_on",
    "place",
    "basis",
    "title",
    "intro",
    "closing",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
)
LOCKED_MESSAGE = gettext_lazy(
    "Kế hoạch này đã ban hành nên không sửa được nữa (nội dung của bạn chưa được ghi). "
    "Muốn thay đổi, hãy bấm “Điều chỉnh kế hoạch” để tạo phiên bản mới; phiên bản đã ban hành vẫn được lưu."
)


# --- small helpers ---------------------------------------------------------------------------------
def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def plan_reference(plan: Plan) -> str:
    """ "Kế hoạch số 04/KH-MTTQ-BTT ngày 12/02/2020 của Ban Thường trực Ủy ban MTTQ tỉnh Tuyên Quang"."""
    # Document text (a plan's "Căn cứ" line, the PDF, task records): Vietnamese.
    parts = ["Kế hoạch"]  # vi-only
    if plan.number:
        parts.append(f"số {plan.number}")  # vi-only
    if plan.issued_on:
        parts.append(f"ngày {plan.issued_on:%d/%m/%Y}")  # vi-only
    parts.append(f"của {plan.board} {plan.unit.committee_name}")  # vi-only
    return " ".join(parts)


def lower_units_label(unit: Unit, campaign=None) -> str:
    """ "Ủy ban MTTQ các xã, thị trấn" for the communes under a district, by the kinds it has (on
    the campaign's map)."""
    children = unit.children.valid_on(campaign.map_date) if campaign is not None else unit.children.open()
    kinds = set(children.committees().values_list("kind", flat=True))
    words = [KIND_PLURAL[k] for k in KIND_ORDER if k in kinds]
    if not words:
        return "Ủy ban MTTQ cấp dưới"  # vi-only
    return "Ủy ban MTTQ các " + ", ".join(words)  # vi-only


def number_suggestion(*, unit: Unit, year: int, exclude: Plan | None = None) -> str:
    """The next plan number of this issuer in this year: "05/KH-MTTQ-BTT" after "04/KH-MTTQ-BTT"
    (NĐ 30/2020: numbers restart each year per issuer, zero-padded below 10)."""
    plans = Plan.objects.filter(unit=unit, issued_on__year=year).exclude(number="")
    if exclude is not None and exclude.pk:
        plans = plans.exclude(pk=exclude.pk)
    best, symbol = 0, DEFAULT_SYMBOL
    for number in plans.values_list("number", flat=True):
        match = NUMBER_RE.match(number)
        if match and int(match.group(1)) >= best:
            best = int(match.group(1))
            symbol = match.group(2) or symbol
    return f"{docformat.pad_number(best + 1)}/{symbol}"


def lineage_ids(plan: Plan) -> set[int]:
    """This plan and the revisions it amends (walks `previous`)."""
    ids, current = set(), plan
    while current is not None and current.pk not in ids:
        ids.add(current.pk)
        current = current.previous
    return ids


def _lock(plan: Plan) -> Plan:
    """The plan's row, locked for this transaction; refused when it is no longer a draft."""
    fresh = (
        Plan.objects.select_for_update(of=("self",)).select_related("unit", "campaign", "based_on", "previous").get(pk=plan.pk)
    )
    if not fresh.is_draft:
        raise ValidationError(LOCKED_MESSAGE, code="locked")
    return fresh


def require_author(scope, plan: Plan) -> None:
    if not scope.acts_for(plan.unit):
        raise PermissionDenied(_("Chỉ cán bộ của chính đơn vị ban hành mới soạn và ban hành kế hoạch này."))


def check_based_on(*, unit: Unit, campaign, based_on: Plan | None) -> None:
    if based_on is None:
        return
    if based_on.campaign_id != campaign.pk:
        raise ValidationError(
            _("Không thể căn cứ %(plan)s vì kế hoạch đó thuộc %(other)s, khác với phong trào của kế hoạch này (%(campaign)s)."),
            code="other_campaign",
            params={"plan": based_on.display_label, "other": based_on.campaign.name, "campaign": campaign.name},
        )
    if not based_on.is_issued:
        raise ValidationError(_("Chỉ căn cứ được kế hoạch cấp trên đã ban hành."), code="not_issued")
    if based_on.unit_id == unit.pk or not unit.path.startswith(based_on.unit.path):
        raise ValidationError(_("Kế hoạch căn cứ phải là kế hoạch của đơn vị cấp trên."), code="not_upper")


def check_dates(*, plan: Plan, issued_on: dt.date | None, based_on: Plan | None) -> None:
    if issued_on is None:
        return
    if based_on is not None and based_on.issued_on and issued_on < based_on.issued_on:
        raise ValidationError(
            _("Ngày văn bản (%(date)s) không thể trước ngày của kế hoạch cấp trên (%(upper)s)."),
            code="before_parent",
            params={"date": short_date(issued_on), "upper": short_date(based_on.issued_on)},
        )
    if plan.pk:
        early = list(plan.tasks.filter(due_on__lt=issued_on).order_by("due_on")[:3])
        if early:
            listed = "; ".join(_("“%(task)s” (hạn %(due)s)") % {"task": t.text[:60], "due": short_date(t.due_on)} for t in early)
            raise ValidationError(
                _(
                    "Ngày văn bản %(date)s muộn hơn hạn của nhiệm vụ: %(tasks)s. "
                    "Hãy sửa hạn các nhiệm vụ đó trước, hoặc chọn ngày văn bản sớm hơn."
                ),
                code="after_task_due",
                params={"date": short_date(issued_on), "tasks": listed},
            )


# --- drafting ---------------------------------------------------------------------------------------
def document_year(campaign) -> int:
    """The year a new document of this campaign most likely carries: this year while the campaign
    runs, else the campaign's own year (a 2020 plan keyed in later is still numbered in 2020)."""
    today = timezone.localdate()
    if campaign is None or campaign.starts_on.year <= today.year <= campaign.ends_on.year:
        return today.year
    return campaign.year


def plan_defaults(*, unit: Unit, campaign, based_on: Plan | None = None, year: int | None = None) -> dict:
    """Header fields a new plan of this unit starts with."""
    year = year or (based_on.issued_on.year if based_on and based_on.issued_on else document_year(campaign))
    # The new plan's own text (written into the plan, printed in the PDF): Vietnamese.
    title = based_on.title if based_on else f"Triển khai thực hiện {campaign.name}"  # vi-only
    defaults = {
        "board": "Ban Thường trực",  # vi-only
        "number": number_suggestion(unit=unit, year=year),
        "place": docformat.unit_place(unit),
        "title": title,
        "intro": f"Ban Thường trực {unit.committee_name} xây dựng kế hoạch {_first_lower(title)} như sau:",  # vi-only
        "signer_authority": "TM. BAN THƯỜNG TRỰC",  # vi-only
        "signer_title": "CHỦ TỊCH",  # vi-only
        "signer_name": "",
        "basis": "",
        "closing": "",
        "recipients": "",
    }
    if based_on is not None:
        defaults["basis"] = f"Căn cứ {plan_reference(based_on)} về {_first_lower(based_on.title)};"  # vi-only
        recipients = [f"BTT {based_on.unit.committee_name}"]
        if unit.children.valid_on(campaign.map_date).committees().exists():
            label = lower_units_label(unit, campaign)
            defaults["closing"] = (
                f"Đề nghị Ban Thường trực {label} căn cứ nội dung kế hoạch này triển khai thực hiện, "  # vi-only
                f"báo cáo kết quả về Ban Thường trực {unit.committee_name} đúng thời hạn."  # vi-only
            )
            recipients.append("BTT " + label.replace("Ủy ban ", ""))  # vi-only
        recipients.append("Lưu VT")  # vi-only
        defaults["recipients"] = "\n".join(recipients)
    return defaults


def plan_create(*, unit: Unit, campaign, by, based_on: Plan | None = None, **fields) -> Plan:
    """A new draft plan of `unit` (not derived: sections are written by hand)."""
    require_open(campaign)
    scope = Scope.for_user(by)
    if not scope.acts_for(unit):
        raise PermissionDenied(_("Chỉ cán bộ của chính đơn vị mới tạo kế hoạch cho đơn vị."))
    check_based_on(unit=unit, campaign=campaign, based_on=based_on)
    plan = Plan(unit=unit, campaign=campaign, based_on=based_on, created_by=by)
    for name in PLAN_FIELDS:
        if name in fields:
            setattr(plan, name, fields[name])
    check_dates(plan=plan, issued_on=plan.issued_on, based_on=based_on)
    plan.save()
    return plan


def plan_update(*, plan: Plan, by, expected_version: int, based_on=..., **fields) -> Plan:
    """Save the header fields of a draft plan (refused once issued, or over a newer save)."""
    require_open(plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, plan)
    with transaction.atomic():
        fresh = _lock(plan)
        new_based_on = fresh.based_on if based_on is ... else based_on
        check_based_on(unit=fresh.unit, campaign=fresh.campaign, based_on=new_based_on)
        check_dates(plan=fresh, issued_on=fields.get("issued_on", fresh.issued_on), based_on=new_based_on)
        bump_version(fresh, expected=expected_version)
        fresh.based_on = new_based_on
        for name in PLAN_FIELDS:
            if name in fields:
                setattr(fresh, name, fields[name])
        fresh.save()
    return fresh


def plan_delete(*, plan: Plan, by) -> None:
    """Only a draft can be deleted (an issued plan is a record)."""
    require_open(plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, plan)
    with transaction.atomic():
        fresh = _lock(plan)
        PlanTask.objects.filter(plan=fresh).delete()
        fresh.delete()


def _check_target(plan: Plan, target_unit: Unit | None, target_level: str) -> None:
    if target_unit is not None and target_level:
        raise ValidationError(_("Chọn giao cho một đơn vị hoặc cho cả một cấp, không chọn cả hai."), code="two_targets")
    if target_unit is not None and not target_unit.path.startswith(plan.unit.path):
        raise ValidationError(
            _("%(target)s không thuộc phạm vi của %(unit)s; kế hoạch chỉ giao việc cho đơn vị mình và cấp dưới."),
            code="target_outside",
            params={"target": target_unit.name, "unit": plan.unit.name},
        )
    if target_level:
        exists = (
            plan.campaign.units().filter(path__startswith=plan.unit.path, level=target_level).exclude(pk=plan.unit_id).exists()
        )
        if not exists:
            raise ValidationError(
                _("%(unit)s không có đơn vị nào ở cấp đã chọn (%(level)s)."),
                code="target_level_empty",
                params={"unit": plan.unit.name, "level": TargetLevel(target_level).label.lower()},
            )


def section_save(
    *, plan: Plan, by, section: PlanSection | None = None, expected_version: int | None = None, token: str | None = None, **fields
) -> PlanSection:
    require_open(plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, plan)
    if section is None and token:
        existing = PlanSection.objects.filter(token=token, plan=plan).first()
        if existing is not None:
            return existing
    with transaction.atomic():
        fresh = _lock(plan)
        _check_target(fresh, fields.get("target_unit"), fields.get("target_level", ""))
        if section is None:
            section = PlanSection(plan=fresh, token=token or None)
            if fields.get("position") in (None, ""):
                last = fresh.sections.filter(part=fields.get("part")).aggregate(m=Max("position"))["m"] or 0
                fields["position"] = last + 10
        else:
            bump_version(section, expected=expected_version)
        for name in ("part", "position", "number", "heading", "body", "target_unit", "target_level"):
            if name in fields and fields[name] is not None:
                setattr(section, name, fields[name])
        if not (section.heading or section.body or section.number):
            raise ValidationError(_("Mục cần có tiêu đề hoặc nội dung."), code="empty_section")
        section.save()
    return section


def section_delete(*, section: PlanSection, by) -> None:
    require_open(section.plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, section.plan)
    with transaction.atomic():
        _lock(section.plan)
        section.delete()


def task_save(
    *, plan: Plan, by, task: PlanTask | None = None, expected_version: int | None = None, token: str | None = None, **fields
) -> PlanTask:
    require_open(plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, plan)
    if task is None and token:
        existing = PlanTask.objects.filter(token=token, plan=plan).first()
        if existing is not None:
            return existing
    with transaction.atomic():
        fresh = _lock(plan)
        section = fields.get("section")
        if section is not None and (section.plan_id != fresh.pk or section.part != PlanSection.Part.IMPLEMENTATION):
            raise ValidationError(
                _("Nhiệm vụ chỉ thuộc một mục của phần Tổ chức thực hiện của chính kế hoạch này."), code="bad_section"
            )
        target_unit, target_level = fields.get("target_unit"), fields.get("target_level", "")
        if target_unit is None and not target_level and section is not None:
            target_unit, target_level = section.target_unit, section.target_level
        _check_target(fresh, target_unit, target_level)
        due_on = fields.get("due_on")
        if due_on is None:
            raise ValidationError(_("Nhiệm vụ cần có hạn hoàn thành."), code="no_due")
        if fresh.issued_on and due_on < fresh.issued_on:
            raise ValidationError(
                _("Hạn hoàn thành %(due)s trước ngày của kế hoạch (%(date)s); hãy chọn hạn từ ngày kế hoạch trở đi."),
                code="due_before_plan",
                params={"due": short_date(due_on), "date": short_date(fresh.issued_on)},
            )
        if task is None:
            task = PlanTask(plan=fresh, token=token or None)
            if fields.get("position") in (None, ""):
                last = fresh.tasks.filter(section=section).aggregate(m=Max("position"))["m"] or 0
                fields["position"] = last + 10
        else:
            bump_version(task, expected=expected_version)
        for name in ("section", "position", "kind", "text", "due_on"):
            if name in fields and fields[name] is not None:
                setattr(task, name, fields[name])
        if "section" in fields:
            task.section = section
        task.target_unit, task.target_level = target_unit, target_level or ""
        task.save()
    return task


def task_delete(*, task: PlanTask, by) -> None:
    require_open(task.plan.campaign)
    scope = Scope.for_user(by)
    require_author(scope, task.plan)
    with transaction.atomic():
        _lock(task.plan)
        task.delete()
