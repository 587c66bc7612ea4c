"""PDF renderers of the plans app (registered with documents.renderers in CampaignsConfig.ready):
the plan as a Vietnamese administrative document, and the urging letter (công văn đôn đốc)."""

from core import docformat
from core.dates import short_date
from documents import renderers
from plans.selectors import plan_document


def _place_date(place: str, day, year: int | None) -> str:
    if day is not None:
        return docformat.place_date(place, day)
    # A draft without a date keeps the blanks the records office fills in by hand.
    return f"{place}, ngày      tháng      năm {year or ''}".rstrip()


def build_plan(plan) -> renderers.RenderSpec:
    doc = plan_document(plan)
    place = plan.place or docformat.unit_place(plan.unit)
    head = docformat.DocumentHead(
        parent_lines=docformat.unit_parent_lines(plan.unit),
        issuer=docformat.upper_vi(plan.board),
        number_line=docformat.number_line(plan.number),
        place_date=_place_date(place, plan.issued_on, plan.campaign.year),
        type_name="KẾ HOẠCH",
        summary=plan.title,
    )
    foot = docformat.DocumentFoot(
        authority=plan.signer_authority,
        title=plan.signer_title,
        name=plan.signer_name,
        recipients=plan.recipient_lines,
    )
    closing = [line.strip() for line in (plan.closing or "").splitlines() if line.strip()]
    return renderers.RenderSpec(
        "pdf/plan.html",
        {"head": head, "foot": foot, "plan": plan, "doc": doc, "closing": closing, "draft": plan.is_draft},
    )


def build_urging_letter(notice) -> renderers.RenderSpec:
    urgings = list(
        notice.urgings.select_related("unit", "assignment__task__plan", "assignment__task__plan__unit").order_by(
            "unit__path", "due_on"
        )
    )
    units = []
    for u in urgings:
        if u.unit not in units:
            units.append(u.unit)
    plans = []
    for u in urgings:
        plan = u.assignment.task.plan
        if plan not in plans:
            plans.append(plan)
    subject = notice.subject if notice.subject.lower().startswith("v/v") else f"V/v {notice.subject}"
    head = docformat.DocumentHead(
        parent_lines=docformat.unit_parent_lines(notice.unit),
        issuer="BAN THƯỜNG TRỰC",
        number_line=docformat.number_line(notice.number),
        place_date=docformat.place_date(notice.place or docformat.unit_place(notice.unit), notice.sent_on),
        type_name="",
        subject_line=subject,
        addressees=[f"Ban Thường trực {u.committee_name}" for u in units],
    )
    foot = docformat.DocumentFoot(
        authority=notice.signer_authority,
        title=notice.signer_title,
        name=notice.signer_name,
        recipients=["Như trên", "Lưu: VT, BTG"],
    )
    from plans.services.plans import plan_reference

    references = [f"{plan_reference(p)} về {p.title[:1].lower()}{p.title[1:]}" for p in plans]
    paragraphs = [line.strip() for line in notice.message.splitlines() if line.strip()]
    return renderers.RenderSpec(
        "pdf/urging_letter.html",
        {
            "head": head,
            "foot": foot,
            "notice": notice,
            "urgings": urgings,
            "units": units,
            "references": references,
            "paragraphs": paragraphs,
            "as_of": short_date(notice.sent_on),
        },
    )


def register() -> None:
    renderers.register("plan", build_plan)
    renderers.register("urging_letter", build_urging_letter)
