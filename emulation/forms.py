from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from emulation import selectors
from emulation.models import EmulationBloc, Role, Unit, UnitKind, User
from emulation.permissions import Action, may_grant_role, units_for


def grantable_roles(actor: User) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Role.choices if may_grant_role(actor, value)]


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: sau nhiều lần nhập sai, tài khoản sẽ bị tạm khóa."
        ),
        "inactive": _("Tài khoản này đã bị vô hiệu hóa."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "code", "official_code", "kind", "name", "header_name", "parent_header_name", "abbreviation",
            "place_name", "numbering_mode", "dissolved_on",
        ]
        widgets = {
            "dissolved_on": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            "header_name": forms.Textarea(attrs={"rows": 2}),
            "parent_header_name": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, parent_choices=None, under_a_parent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if under_a_parent or parent_choices is not None:
            self.fields["kind"].choices = [choice for choice in self.fields["kind"].choices
                                           if choice[0] != UnitKind.PROVINCE]
        if parent_choices is not None:
            self.fields["parent"] = forms.ModelChoiceField(
                queryset=parent_choices, label=_("Đơn vị cấp trên"), required=True,
                initial=self.instance.parent_id,
            )


class UnitArchiveForm(forms.Form):
    reason = forms.CharField(label=_("Lý do lưu trữ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)
    dissolved_on = forms.DateField(
        label=_("Ngày giải thể (nếu có)"), required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )


class UnitMergeForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Sáp nhập vào đơn vị"))
    reason = forms.CharField(label=_("Căn cứ, ghi chú (nếu có)"), required=False, max_length=300,
                             help_text=_("Ví dụ: Theo Nghị quyết số 202/2025/QH15 của Quốc hội."))
    dissolved_on = forms.DateField(
        label=_("Ngày thôi hoạt động (nếu có)"), required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def __init__(self, *args, actor: User, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = selectors.merge_targets(user=actor, unit=unit)


class RoleAssignForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Người dùng"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Vai trò"))

    def __init__(self, *args, actor: User, roles: list[str] | None = None, **kwargs):
        """``roles``: those the actor may give in the unit (permissions.roles_assignable)."""
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.people_assignable_by(actor)
        self.fields["role"].choices = (grantable_roles(actor) if roles is None
                                       else [(value, label) for value, label in Role.choices if value in roles])


class PersonCreateForm(forms.Form):
    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z", max_length=150, label=_("Tên đăng nhập"),
        help_text=_("Chữ không dấu, số và . @ + - _"),
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . @ + - _")},
    )
    full_name = forms.CharField(max_length=200, label=_("Họ và tên"))
    position = forms.CharField(max_length=200, label=_("Chức vụ"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị"))
    roles = forms.MultipleChoiceField(
        choices=Role.choices, label=_("Vai trò"), widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=True), strip=False,
        help_text=_("Ít nhất 10 ký tự, không toàn số; người dùng nên đổi sau lần đăng nhập đầu."),
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor, Action.MANAGE_UNIT).order_by("path")
        self.fields["roles"].choices = grantable_roles(actor)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            probe = User(username=cleaned.get("username", ""), full_name=cleaned.get("full_name", ""),
                         email=cleaned.get("email", ""))
            try:
                validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class BlocForm(forms.ModelForm):
    class Meta:
        model = EmulationBloc
        fields = ["name", "kind", "organiser", "members", "description"]
        widgets = {"members": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        managed = units_for(actor, Action.MANAGE_UNIT).order_by("path")
        self.fields["organiser"].queryset = managed
        self.fields["members"].queryset = managed.exclude(kind="office")


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "email_notifications"]


class VerifyCodeForm(forms.Form):
    code = forms.CharField(label=_("Mã xác minh"), max_length=20,
                           help_text=_("In dưới mã QR cuối văn bản, dạng XXXX-XXXX-XXXX."))


class VerifyUploadForm(forms.Form):
    pdf = forms.FileField(label=_("Tệp PDF cần kiểm tra"))


class SigningMaterialForm(forms.Form):
    signature_image = forms.FileField(label=_("Ảnh chữ ký của người ký (PNG nền trong suốt)"), required=False)
    signature_owner = forms.CharField(label=_("Chữ ký của"), max_length=200, required=False)
    seal_image = forms.FileField(label=_("Ảnh con dấu (PNG nền trong suốt)"), required=False)
    pkcs12 = forms.FileField(label=_("Chứng thư số kèm khóa (.p12, .pfx)"), required=False)
    pkcs12_password = forms.CharField(label=_("Mật khẩu tệp chứng thư số"), required=False, strip=False,
                                      widget=forms.PasswordInput(render_value=False))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pkcs12") and not cleaned.get("pkcs12_password"):
            self.add_error("pkcs12_password", _("Hãy nhập mật khẩu của tệp chứng thư số."))
        if not any(cleaned.get(name) for name in ("signature_image", "seal_image", "pkcs12", "signature_owner")):
            raise forms.ValidationError(_("Chưa chọn tệp nào để cập nhật."))
        return cleaned


class CertificateUploadForm(forms.Form):
    certificate = forms.FileField(
        label=_("Chứng thư số của bạn (.cer, .crt, .pem)"),
        help_text=_("Chỉ phần công khai của chứng thư. Không tải lên tệp .p12/.pfx hay khóa bí mật."))


class SignatureImageForm(forms.Form):
    signature_image = forms.FileField(label=_("Ảnh chữ ký tay (PNG nền trong suốt)"))


class SignedUploadForm(forms.Form):
    pdf = forms.FileField(label=_("Tệp PDF đã ký số"))


class RemoteCredentialForm(forms.Form):
    credential = forms.ChoiceField(label=_("Tài khoản ký số"), widget=forms.RadioSelect)

    def __init__(self, *args, credentials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].choices = [(info.credential_id, f"{info.subject} — {info.issuer}")
                                             for info, registered in credentials if registered]
        if len(self.fields["credential"].choices) == 1:
            self.fields["credential"].initial = self.fields["credential"].choices[0][0]
