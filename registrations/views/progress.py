from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from registrations import access, services
from registrations.forms import ProgressForm


@login_required
def progress_add(request, pk: int):
    """A progress update with figures and evidence; a refused file refuses the update, and the
    form comes back with what was typed (browsers cannot keep chosen files: they are named)."""
    registration = access.get_registration_for(request, pk, need="own")
    if not access.can_report_progress_registration(request.scope, registration):
        messages.info(
            request,
            _("Đăng ký đang ở trạng thái “%(status)s”: chưa cập nhật tiến độ được.")
            % {"status": registration.get_status_display()},
        )
        return redirect("registrations:detail", pk=pk)
    targets = list(registration.targets.all())
    form = ProgressForm(
        request.POST or None, request.FILES or None, targets=targets, initial={"percent": registration.percent_done}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_add(
                registration=registration,
                by=request.user,
                reported_on=data["reported_on"],
                text=data["text"],
                percent=data["percent"],
                values=form.target_values(),
                files=data["files"],
                client_token=data.get("client_token"),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            if request.FILES:
                messages.warning(request, _("Chưa lưu cập nhật. Nội dung bạn gõ vẫn còn; hãy chọn lại các tệp hợp lệ rồi gửi."))
        else:
            messages.success(request, _("Đã cập nhật tiến độ."))
            return redirect("registrations:detail", pk=pk)
    return render(request, "registrations/progress_form.html", {"registration": registration, "form": form})
