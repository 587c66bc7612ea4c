from .campaign import Campaign, Movement
from .followup import Commemoration, CommemorationActivity, Inspection
from .plans import Plan, PlanSection, PlanTask, TargetLevel
from .tasks import TaskAssignment, TaskUpdate, Urging, UrgingNotice
from .units import Unit

__all__ = ["Campaign", "Movement", "Unit"]
__all__ += [
    "Commemoration", "CommemorationActivity", "Inspection", "Plan", "PlanSection", "PlanTask", "TargetLevel",
    "TaskAssignment", "TaskUpdate", "Urging", "UrgingNotice",
]
