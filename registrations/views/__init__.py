from registrations.views.editing import (
    registration_autosave,
    registration_autosave_edit,
    registration_create,
    registration_delete,
    registration_edit,
)
from registrations.views.fields import field_create, field_edit, field_list
from registrations.views.imports import import_template, registration_import
from registrations.views.lists import export_csv, export_xlsx, registration_list
from registrations.views.progress import progress_add
from registrations.views.stats import statistics
from registrations.views.workflow import (
    registration_approve,
    registration_complete,
    registration_detail,
    registration_evaluate,
    registration_return,
    registration_start,
    registration_submit,
)

__all__ = [
    "export_csv",
    "export_xlsx",
    "field_create",
    "field_edit",
    "field_list",
    "import_template",
    "progress_add",
    "registration_approve",
    "registration_autosave",
    "registration_autosave_edit",
    "registration_complete",
    "registration_create",
    "registration_delete",
    "registration_detail",
    "registration_edit",
    "registration_evaluate",
    "registration_import",
    "registration_list",
    "registration_return",
    "registration_start",
    "registration_submit",
    "statistics",
]
