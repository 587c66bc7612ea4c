from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.scope import require_roles
from audit.models import AuditEvent
from core.forms import PortalForm
from core.roles import Role


class AuditFilterForm(PortalForm):
    model = forms.ChoiceField(label=_("Loại dữ liệu"), required=False)
    user = forms.CharField(label=_("Người thực hiện (tên đăng nhập)"), required=False, max_length=150)
    since = forms.DateField(label=_("Từ ngày"), required=False)
    until = forms.DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, models=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", gettext("Tất cả")), *models]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise forms.ValidationError(gettext("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return cleaned


@login_required
def trail(request):
    """Provincial staff: who changed what, when, from what to what, within their subtree. Read-only."""
    require_roles(request, Role.PROVINCE_STAFF)
    scope = request.scope
    q = Q(pk__in=[])
    for path in scope.visible_paths:
        q |= Q(unit_path__startswith=path)
    if any(path.count("/") == 2 for path in scope.visible_paths):
        # Records not tied to a unit (e.g. a user's own name) are the province's to see.
        q |= Q(unit_path="")
    events = AuditEvent.objects.filter(q)
    models = sorted(set(AuditEvent.objects.values_list("model_label", "model_name").distinct()), key=lambda m: m[1])
    form = AuditFilterForm(request.GET or None, models=models)
    if form.is_valid():
        data = form.cleaned_data
        if data["model"]:
            events = events.filter(model_label=data["model"])
        if data["user"]:
            events = events.filter(user__username=data["user"].strip().lower())
        if data["since"]:
            events = events.filter(at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(at__date__lte=data["until"])
    events = events.select_related("user", "unit").order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "audit/trail.html", {"page": page, "form": form, "query": query.urlencode()})
