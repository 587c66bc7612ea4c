"""Keep the dashboards' summary rows up to date in the transaction of each change.

Saves and deletes of registrations, memberships, users, units, plans, plan assignments, periods,
reports, exemplars and articles recompute the own values of the touched units (and the previous
unit when an object moved) and carry the difference up the tree (figures.update_units). Issued
plans create their assignments in bulk (no signals): the plan is marked and its assignments are
counted right after the commit or by the next dashboard read (figures.flush_pending).

Bulk writes (bulk_create, QuerySet.update) bypass signals: run `manage.py refresh_dashboards`
after them (the nightly schedule does it too).
"""

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from dashboards import figures

_ORIGINAL = "_dashboards_original"


def _remember(fields):
    def handler(sender, instance, **kwargs):
        values = instance.__dict__
        setattr(instance, _ORIGINAL, tuple(values.get(f) for f in fields))

    return handler


def _original(instance, index: int):
    original = getattr(instance, _ORIGINAL, None)
    return original[index] if original else None


def _changed(instance, fields, kwargs) -> bool:
    """Created, deleted, or one of the fields the figures depend on changed since it was loaded
    (an autosave of a draft's text, a login, … recompute nothing)."""
    if kwargs.get("created") or kwargs.get("signal") is post_delete:
        return True
    original = getattr(instance, _ORIGINAL, None)
    return original is None or original != tuple(instance.__dict__.get(f) for f in fields)


# --- registrations ----------------------------------------------------------------------------------------
REG_FIELDS = ("unit_id", "person_id", "campaign_id", "status", "kind", "field_id")
MEMBERSHIP_FIELDS = ("unit_id", "role", "is_active", "user_id")
PLAN_FIELDS = ("status", "unit_id", "campaign_id")
ASSIGNMENT_FIELDS = ("unit_id", "status", "due_on", "task_id")
PERIOD_FIELDS = ("receiving_unit_id", "due_on", "audience", "campaign_id", "kind", "title")
REPORT_FIELDS = ("submitted_at", "unit_id", "period_id")
UNIT_FIELDS = ("parent_id", "valid_from", "valid_to", "level", "path", "name", "short_name")
DATED_FIELDS = {"ex": ("unit_id", "status", "nominated_at"), "art": ("unit_id", "status", "published_at")}


def _cadre_units(person_ids) -> set:
    from accounts.models import Membership
    from core.roles import Role

    ids = {p for p in person_ids if p}
    if not ids:
        return set()
    return set(Membership.objects.filter(user_id__in=ids, role=Role.CADRE).values_list("unit_id", flat=True))


def registration_changed(sender, instance, created=False, **kwargs):
    deleted = kwargs.get("signal") is post_delete
    if not _changed(instance, REG_FIELDS, {"created": created, **kwargs}):
        return
    old_unit, old_person, old_campaign, old_status, old_kind = (_original(instance, i) for i in range(5))
    campaigns = {instance.campaign_id, old_campaign} - {None}
    for campaign_id in campaigns:
        figures.update_units(campaign_id, {instance.unit_id, old_unit}, ["reg"])
        task_involved = instance.kind == "task" or old_kind == "task"
        # Whether a cadre has sent a task changes only when a task appears, goes, moves or leaves draft.
        sent_changed = created or deleted or old_status != instance.status or old_person != instance.person_id
        if task_involved and (sent_changed or old_campaign != instance.campaign_id):
            figures.update_units(campaign_id, _cadre_units({instance.person_id, old_person}), ["cad"])
    _remember(REG_FIELDS)(sender, instance)


# --- people -------------------------------------------------------------------------------------------------
def membership_changed(sender, instance, **kwargs):
    if not _changed(instance, MEMBERSHIP_FIELDS, kwargs):
        return
    if instance.role == "cadre" or _original(instance, 1) == "cadre":
        figures.update_all_campaigns({instance.unit_id, _original(instance, 0)}, ["cad"])
    _remember(MEMBERSHIP_FIELDS)(sender, instance)


def user_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    if _original(instance, 0) == instance.is_active:
        return
    units = _cadre_units({instance.pk})
    if units:
        figures.update_all_campaigns(units, ["cad"])
    _remember(("is_active",))(sender, instance)


# --- units and plans -------------------------------------------------------------------------------------
def unit_changed(sender, instance, **kwargs):
    if not _changed(instance, UNIT_FIELDS, kwargs):
        return
    renamed = _original(instance, 5) is not None and (_original(instance, 5), _original(instance, 6)) != (
        instance.name,
        instance.short_name,
    )
    _remember(UNIT_FIELDS)(sender, instance)
    if renamed:  # its own dashboard and its parent's name it
        figures.bump_revisions([instance.pk, instance.parent_id])
    figures.update_all_campaigns({instance.pk}, ["plan"])
    if instance.parent_id:
        figures.update_all_campaigns({instance.parent_id}, ["rep"])


def plan_changed(sender, instance, **kwargs):
    if not _changed(instance, PLAN_FIELDS, kwargs):
        return
    figures.update_units(instance.campaign_id, {instance.unit_id, _original(instance, 1)}, ["plan"])
    if instance.status == "issued" and _original(instance, 0) != "issued":
        figures.mark_plan_issued(instance)
    _remember(PLAN_FIELDS)(sender, instance)


def assignment_changed(sender, instance, **kwargs):
    from plans.models import Plan

    if not _changed(instance, ASSIGNMENT_FIELDS, kwargs):
        return
    campaign_id = Plan.objects.filter(tasks__pk=instance.task_id).values_list("campaign_id", flat=True).first()
    if campaign_id is None and kwargs.get("signal") is post_delete:
        # Deleted with its task: count every campaign's units again.
        figures.update_all_campaigns({instance.unit_id}, ["task"])
        return
    figures.update_units(campaign_id, {instance.unit_id, _original(instance, 0)}, ["task"])
    _remember(ASSIGNMENT_FIELDS)(sender, instance)


# --- reports ---------------------------------------------------------------------------------------------------
def period_changed(sender, instance, **kwargs):
    if not _changed(instance, PERIOD_FIELDS, kwargs):
        return
    if _original(instance, 5) not in (None, instance.title):  # the receiving unit's dashboard names it
        figures.bump_revisions([instance.receiving_unit_id])
    figures.update_units(instance.campaign_id, {instance.receiving_unit_id, _original(instance, 0)}, ["rep"])
    if _original(instance, 3) not in (None, instance.campaign_id):
        figures.update_units(_original(instance, 3), {_original(instance, 0)}, ["rep"])
    _remember(PERIOD_FIELDS)(sender, instance)


def period_units_changed(sender, instance, action, pk_set=None, **kwargs):
    from reports.models import ReportingPeriod

    if not action.startswith("post_"):
        return
    if isinstance(instance, ReportingPeriod):
        figures.update_units(instance.campaign_id, {instance.receiving_unit_id}, ["rep"])
    else:  # changed from the unit's side
        for campaign_id, receiver in ReportingPeriod.objects.filter(pk__in=pk_set or []).values_list(
            "campaign_id", "receiving_unit_id"
        ):
            figures.update_units(campaign_id, {receiver}, ["rep"])


def report_changed(sender, instance, **kwargs):
    from reports.models import ReportingPeriod

    if not _changed(instance, REPORT_FIELDS, kwargs):
        return
    _remember(REPORT_FIELDS)(sender, instance)
    row = ReportingPeriod.objects.filter(pk=instance.period_id).values_list("campaign_id", "receiving_unit_id").first()
    if row is None:  # the period is being deleted with it
        return
    figures.update_units(row[0], {row[1]}, ["rep"])


# --- exemplars and articles (counted by the year they were nominated / published) ------------------------------
def by_unit_changed(family):
    fields = DATED_FIELDS[family]

    def handler(sender, instance, **kwargs):
        if not _changed(instance, fields, kwargs):
            return
        figures.update_all_campaigns({instance.unit_id, _original(instance, 0)}, [family])
        _remember(fields)(sender, instance)

    return handler


def campaign_changed(sender, instance, created=False, **kwargs):
    if created:
        figures.refresh_campaign(instance.pk)
    else:
        figures.bump_revisions()


def names_changed(sender, instance, **kwargs):
    """A field renamed, added or removed: the charts of every dashboard name the fields."""
    figures.bump_revisions()


def connect() -> None:
    from django.apps import apps

    from accounts.models import Membership, User
    from campaigns.models import Campaign
    from plans.models import Plan, TaskAssignment
    from registrations.models import Registration
    from reports.models import Report, ReportingPeriod
    from units.models import Unit

    def both(handler, model, uid, on_delete=None):
        post_save.connect(handler, sender=model, dispatch_uid=f"dashboards-save-{uid}", weak=False)
        post_delete.connect(on_delete or handler, sender=model, dispatch_uid=f"dashboards-delete-{uid}", weak=False)

    post_init.connect(_remember(REG_FIELDS), sender=Registration, dispatch_uid="dashboards-init-registration", weak=False)
    both(registration_changed, Registration, "registration")
    post_init.connect(_remember(MEMBERSHIP_FIELDS), sender=Membership, dispatch_uid="dashboards-init-membership", weak=False)
    both(membership_changed, Membership, "membership")
    post_init.connect(_remember(("is_active",)), sender=User, dispatch_uid="dashboards-init-user", weak=False)
    post_save.connect(user_changed, sender=User, dispatch_uid="dashboards-save-user", weak=False)
    post_init.connect(_remember(UNIT_FIELDS), sender=Unit, dispatch_uid="dashboards-init-unit", weak=False)
    both(unit_changed, Unit, "unit")
    post_init.connect(_remember(PLAN_FIELDS), sender=Plan, dispatch_uid="dashboards-init-plan", weak=False)
    both(plan_changed, Plan, "plan")
    post_init.connect(_remember(ASSIGNMENT_FIELDS), sender=TaskAssignment, dispatch_uid="dashboards-init-assignment", weak=False)
    both(assignment_changed, TaskAssignment, "assignment")
    post_init.connect(_remember(PERIOD_FIELDS), sender=ReportingPeriod, dispatch_uid="dashboards-init-period", weak=False)
    both(period_changed, ReportingPeriod, "period")
    m2m_changed.connect(
        period_units_changed, sender=ReportingPeriod.selected_units.through, dispatch_uid="dashboards-m2m-period", weak=False
    )
    post_init.connect(_remember(REPORT_FIELDS), sender=Report, dispatch_uid="dashboards-init-report", weak=False)
    both(report_changed, Report, "report")
    post_save.connect(campaign_changed, sender=Campaign, dispatch_uid="dashboards-campaign", weak=False)
    from registrations.models import Field

    both(names_changed, Field, "field")
    for model_name, family in (("Exemplar", "ex"), ("Article", "art")):
        try:
            model = apps.get_model("publishing", model_name)
        except LookupError:
            continue
        post_init.connect(_remember(DATED_FIELDS[family]), sender=model, dispatch_uid=f"dashboards-init-{family}", weak=False)
        both(by_unit_changed(family), model, family)
