"""Registrations of the "Dân vận khéo" campaign (plan II.1): a unit's content or model, a cadre's
task; their targets, workflow history and progress."""

from registrations.models.progress import ProgressUpdate, ProgressValue
from registrations.models.registration import Field, Registration, Target, Transition

__all__ = ["Field", "ProgressUpdate", "ProgressValue", "Registration", "Target", "Transition"]
