from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.models import Role
from accounts.scope import require_roles
from danvan.tabular import xlsx_template

from .. import imports
from ..forms import ImportForm

MANAGERS = (Role.PROVINCE_STAFF, Role.OFFICER)


@login_required
def registration_import(request):
    require_roles(request, *MANAGERS)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.registrations_import(
                by=request.user, uploaded=form.cleaned_data["file"], submit=form.cleaned_data["submit"]
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.errors:
                errors = result.errors
            else:
                messages.success(request, f"Đã nhập {len(result.created)} đăng ký.")
                return redirect("registrations:list")
    return render(request, "registrations/import.html", {"form": form, "errors": errors, "headers": imports.TEMPLATE_HEADERS})


@login_required
def import_template(request):
    require_roles(request, *MANAGERS)
    unit = request.scope.home_unit
    content = xlsx_template(imports.TEMPLATE_HEADERS, imports.template_example(unit.code if unit else ""), title="Đăng ký")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-dang-ky.xlsx"'
    return response
