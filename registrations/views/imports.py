from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from accounts.scope import require_roles
from campaigns.selection import selected_campaign
from core.exports import xlsx_response
from core.roles import MANAGERS
from core.tabular import xlsx_template
from registrations import imports
from registrations.forms import ImportForm


@login_required
def registration_import(request):
    require_roles(request, *MANAGERS)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.registrations_import(
                by=request.user,
                uploaded=form.cleaned_data["file"],
                campaign=selected_campaign(request),
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.errors:
                errors = result.errors
            else:
                n = len(result.created)
                messages.success(request, ngettext("Đã nhập %(n)s đăng ký.", "Đã nhập %(n)s đăng ký.", n) % {"n": n})
                return redirect("registrations:list")
    return render(request, "registrations/import.html", {"form": form, "errors": errors, "headers": imports.TEMPLATE_HEADERS})


@login_required
def import_template(request):
    require_roles(request, *MANAGERS)
    unit = request.scope.home_unit
    example = imports.template_example(unit.code if unit else "")
    content = xlsx_template(imports.TEMPLATE_HEADERS, example, title="Đăng ký")  # vi-only
    return xlsx_response(content, filename="mau-nhap-dang-ky.xlsx")
