from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import PortalForm
from core.roles import Role
from units.models import Unit

ROLE_LABELS = dict(Role.choices)


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        # One message whether the account exists or not: the form must not reveal which.
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = _("Mật khẩu")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        **auth_forms.SetPasswordForm.error_messages,
        "password_incorrect": _("Mật khẩu hiện tại không đúng."),
        "password_mismatch": _("Hai lần nhập mật khẩu mới không khớp nhau."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password1"].help_text = _(
            "Ít nhất 10 ký tự, không toàn số, không quá phổ biến, không giống tên đăng nhập."
        )
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")


class SetPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": _("Hai lần nhập mật khẩu mới không khớp nhau.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password1"].help_text = _(
            "Ít nhất 10 ký tự, không toàn số, không quá phổ biến, không giống tên đăng nhập."
        )
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Địa chỉ e-mail của tài khoản")


class PeopleFilterForm(PortalForm):
    q = forms.CharField(label=_("Tìm theo tên, tên đăng nhập, e-mail"), required=False, max_length=100)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False, to_field_name="code")
    role = forms.ChoiceField(label=_("Vai trò"), required=False, choices=[("", _("Tất cả vai trò")), *Role.choices])
    include_inactive = forms.BooleanField(label=_("Gồm cả tài khoản đã khóa"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].empty_label = _("Tất cả đơn vị")


class AccountCreateForm(PortalForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[a-z0-9._-]+$",
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ thường không dấu, số và dấu . _ -")},
        help_text=_("Chữ thường không dấu, số, dấu . _ - (ví dụ: nguyenvana)."),
    )
    email = forms.EmailField(
        label="E-mail",
        required=False,
        help_text=_("Nếu có e-mail, người dùng nhận thư mời để tự đặt mật khẩu; nếu không, hệ thống tạo mật khẩu tạm."),
    )
    phone = forms.RegexField(
        label=_("Điện thoại"),
        required=False,
        max_length=20,
        regex=r"^[0-9 +().-]{6,20}$",
        error_messages={"invalid": _("Số điện thoại chỉ gồm chữ số và các dấu + ( ) . -")},
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), to_field_name="code")
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)

    def __init__(self, *args, units=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        if roles is not None:
            self.fields["role"].choices = [(r, ROLE_LABELS[r]) for r in roles]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("E-mail này đã gắn với một tài khoản khác."))
        return email


class CadreImportForm(PortalForm):
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        help_text=_("Các cột: Họ và tên; E-mail hoặc tên đăng nhập; Chức vụ; Mã đơn vị. Tối đa 2.000 dòng."),
    )


# --- the reform page ----------------------------------------------------------------------------------
class ReformMoveForm(PortalForm):
    """Move one role: the unit chosen (or proposed), and the unit the page showed the role at."""

    to_unit = forms.ModelChoiceField(
        label=_("Đơn vị chuyển đến"),
        # Any unit: a closed one or one outside the viewer's subtree gets the service's explanation.
        queryset=Unit.objects.all(),
        error_messages={
            "required": _("Hãy chọn đơn vị chuyển đến."),
            "invalid_choice": _("Không tìm thấy đơn vị đã chọn; hãy tìm và chọn lại."),
        },
    )
    from_unit = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReformEndForm(PortalForm):
    from_unit = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReformMoveAllForm(PortalForm):
    """Confirm every proposed successor, or only those of one closed unit (`under`)."""

    under = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput)


class ReformUnitSearchForm(PortalForm):
    q = forms.CharField(label=_("Tìm đơn vị (gõ không dấu cũng được)"), required=False, max_length=100)
