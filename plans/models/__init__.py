from plans.models.followup import Inspection
from plans.models.plans import Plan, PlanSection, PlanTask, TargetLevel
from plans.models.tasks import TaskAssignment, TaskUpdate, Urging, UrgingNotice

__all__ = [
    "Inspection",
    "Plan",
    "PlanSection",
    "PlanTask",
    "TargetLevel",
    "TaskAssignment",
    "TaskUpdate",
    "Urging",
    "UrgingNotice",
]
