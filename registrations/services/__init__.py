"""Business rules of registrations: saving drafts, the workflow, progress, the list of fields.

Every function validates, writes in one transaction, records history and notifies the next
person to act. Refused input raises ValidationError (Vietnamese); a refused actor PermissionDenied.
"""

from registrations.services.editing import (
    RegistrationInput,
    TargetInput,
    registration_create,
    registration_delete,
    registration_update,
)
from registrations.services.fields import field_save
from registrations.services.progress import progress_add
from registrations.services.workflow import (
    registration_approve,
    registration_complete,
    registration_evaluate,
    registration_return,
    registration_start,
    registration_submit,
)

__all__ = [
    "RegistrationInput",
    "TargetInput",
    "field_save",
    "progress_add",
    "registration_approve",
    "registration_complete",
    "registration_create",
    "registration_delete",
    "registration_evaluate",
    "registration_return",
    "registration_start",
    "registration_submit",
    "registration_update",
]
