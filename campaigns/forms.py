from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from campaigns.importing.matching import NOT_LINKED
from campaigns.importing.source import MAX_BYTES as MAX_IMPORT_BYTES
from campaigns.importing.source import ImportError_, read_docx, read_text
from campaigns.models import (
    Assignment,
    Criterion,
    CriterionGroup,
    Deadline,
    LegalBasis,
    OutsideDocument,
    OutsideDocumentType,
    PeriodKind,
    Plan,
    PlanState,
    Quota,
    Recipient,
    Section,
    Target,
    TargetGroup,
)
from campaigns.selectors import outside_document_by_reference
from emulation.models import EmulationBloc, Unit, UnitKind

DATE_WIDGET = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


class RevisionMixin(forms.Form):
    """Carries the revision the person started from, for conflict detection."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PlanCreateForm(forms.Form):
    issuer = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị ban hành"))
    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Ví dụ: Phát động phong trào thi đua … năm 2026"))

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        if issuers.count() == 1:
            self.fields["issuer"].initial = issuers.first()


class PlanForm(RevisionMixin, forms.ModelForm):
    reminder_days = forms.CharField(
        label=_("Nhắc trước hạn (ngày)"), required=False, help_text=_("Các số ngày, cách nhau bởi dấu phẩy. "
                                                                      "Để trống: 14, 7, 3, 1."))

    class Meta:
        model = Plan
        fields = [
            "title", "place_name", "draft_date", "bases_end_with", "preamble", "theme", "motto", "period_kind",
            "starts_on", "ends_on", "ends_at_event",
            "review_month", "summary_every_years", "funding", "closing", "archive_note", "sign_authority",
            "sign_collective", "sign_title", "sign_deputy_title", "signer_name", "reminder_days",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "draft_date": forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET),
            "starts_on": forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET),
            "ends_on": forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["reminder_days"] = ", ".join(str(day) for day in self.instance.reminder_days or [])

    def clean_reminder_days(self):
        raw = self.cleaned_data.get("reminder_days", "")
        try:
            days = sorted({int(part) for part in raw.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError as error:
            raise forms.ValidationError(_("Hãy ghi các số ngày, ví dụ: 14, 7, 3, 1.")) from error
        if any(day < 1 or day > 365 for day in days):
            raise forms.ValidationError(_("Số ngày nhắc phải từ 1 đến 365."))
        return days

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        if cleaned.get("period_kind") == PeriodKind.UNTIL_EVENT and not cleaned.get("ends_at_event", "").strip():
            self.add_error("ends_at_event", _("Hãy ghi sự kiện kết thúc đợt thi đua, ví dụ: tổ chức Đại hội Thi đua "
                                              "yêu nước tỉnh lần thứ VI."))
        return cleaned


class PartForm(RevisionMixin, forms.ModelForm):
    """A row of a plan. Choices that point inside the plan are limited to it."""

    def __init__(self, *args, plan: Plan, **kwargs):
        # Several part forms share a page with the plan form: keep their ids apart.
        kwargs.setdefault("auto_id", f"id_{self._meta.model._meta.model_name}_%s")
        super().__init__(*args, **kwargs)
        self.plan = plan
        if "movement" in self.fields:
            self.fields["movement"].queryset = Section.objects.filter(plan=plan, is_movement=True)
            self.fields["movement"].label_from_instance = lambda section: section.heading or section.body[:60]
            self.fields["movement"].empty_label = _("Chung cho cả kế hoạch")


class LegalBasisForm(PartForm):
    outside_reference = forms.CharField(
        label=_("hoặc: văn bản ngoài hệ thống (số, ký hiệu)"), required=False, max_length=120,
        help_text=_("Ví dụ: 19/CT-TTg; với luật: Luật Thi đua, khen thưởng. Văn bản phải có trong sổ văn bản "
                    "ngoài hệ thống."))
    outside_year = forms.IntegerField(label=_("năm ban hành văn bản đó"), required=False, min_value=1945,
                                      max_value=2100, help_text=_("Khi có nhiều văn bản cùng số, ký hiệu."))

    class Meta:
        model = LegalBasis
        # outside_document is found from the reference typed (clean below), not chosen from every
        # document of the country.
        fields = ["opening", "text", "linked_plan", "outside_document", "connector", "implements"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "outside_document": forms.HiddenInput}
        help_texts = {"text": _("Khi chọn một kế hoạch hoặc văn bản trong sổ: để trống thì in theo sổ; ghi vào thì "
                                "in đúng như ghi (ví dụ như văn bản gốc đã in).")}

    field_order = ["opening", "text", "linked_plan", "outside_reference", "outside_year", "connector", "implements"]

    def __init__(self, *args, plan, linkable=None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["linked_plan"].queryset = linkable if linkable is not None else Plan.objects.none()
        self.fields["linked_plan"].required = False
        if self.instance.outside_document_id and not self.is_bound:
            self.initial["outside_reference"] = self.instance.outside_document.number_symbol or (
                self.instance.outside_document.short_name)
            self.initial["outside_year"] = self.instance.outside_document.issued_on.year

    def clean(self):
        cleaned = super().clean()
        reference = cleaned.get("outside_reference", "").strip()
        cleaned["outside_document"] = None
        self.errors.pop("outside_document", None)
        if reference:
            found = outside_document_by_reference(reference, cleaned.get("outside_year"))
            if not found:
                self.add_error("outside_reference", _(
                    "Sổ văn bản ngoài hệ thống chưa có văn bản “%(reference)s”. Hãy thêm văn bản đó vào sổ trước.")
                    % {"reference": reference})
            elif len(found) > 1:
                self.add_error("outside_year", _("Có %(count)s văn bản “%(reference)s” (%(years)s): hãy ghi năm ban "
                                                 "hành.") % {"count": len(found), "reference": reference,
                                                             "years": ", ".join(str(d.issued_on.year) for d in found)})
            else:
                cleaned["outside_document"] = found[0]
        if not (cleaned.get("text", "").strip() or cleaned.get("linked_plan") or reference):
            raise forms.ValidationError(_("Hãy ghi nội dung căn cứ, chọn một kế hoạch trong hệ thống hoặc ghi số, "
                                          "ký hiệu một văn bản ngoài hệ thống."))
        if cleaned.get("linked_plan") and reference:
            raise forms.ValidationError(_("Mỗi căn cứ chỉ dẫn một văn bản: một kế hoạch trong hệ thống hoặc một "
                                          "văn bản ngoài hệ thống."))
        if cleaned.get("implements") and not reference:
            self.add_error("implements", _("Chỉ đánh dấu “triển khai” cho một văn bản ngoài hệ thống; kế hoạch "
                                           "trong hệ thống được triển khai bằng cách xây dựng kế hoạch từ đó."))
        return cleaned


class SectionForm(PartForm):
    class Meta:
        model = Section
        fields = ["parent", "heading", "numbering", "run_in", "body", "block", "is_movement"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        sections = Section.objects.filter(plan=plan)
        if self.instance.pk:
            sections = sections.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = sections
        self.fields["parent"].label_from_instance = lambda section: section.heading or section.body[:60]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("heading", "").strip() and not cleaned.get("body", "").strip() and \
                cleaned.get("block") == "text":
            raise forms.ValidationError(_("Mục cần có tiêu đề, nội dung hoặc một phần có cấu trúc."))
        return cleaned


class TargetGroupForm(PartForm):
    unit_kinds = forms.MultipleChoiceField(
        choices=UnitKind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Loại đơn vị thuộc đối tượng"),
    )

    class Meta:
        model = TargetGroup
        fields = ["name", "recipient_kind", "unit_kinds", "scope", "levels_below", "movement"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["scope"].queryset = Unit.objects.filter(path__startswith=plan.issuer.path,
                                                            archived_at__isnull=True)
        self.fields["scope"].required = False


class CriterionGroupForm(PartForm):
    class Meta:
        model = CriterionGroup
        fields = ["title", "target_group", "movement"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["target_group"].queryset = TargetGroup.objects.filter(plan=plan)


class CriterionForm(PartForm):
    class Meta:
        model = Criterion
        fields = ["group", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["group"].queryset = CriterionGroup.objects.filter(plan=plan)


class TargetForm(PartForm):
    class Meta:
        model = Target
        fields = ["measure", "comparison", "value", "unit_of_measure", "year", "section", "movement"]
        localized_fields = ["value"]  # "75,5" as people type it

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(plan=plan)
        self.fields["section"].label_from_instance = lambda section: section.heading or section.body[:60]


class QuotaForm(PartForm):
    class Meta:
        model = Quota
        fields = ["award_type", "printed_name", "occasion", "count", "target_group", "per_parent", "per_bloc",
                  "bloc_kind", "per_nominating_unit", "share_cap_percent", "recipient_phrase", "amount", "movement"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.filter(is_active=True)
        self.fields["target_group"].queryset = TargetGroup.objects.filter(plan=plan)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("per_parent") and not cleaned.get("target_group"):
            self.add_error("target_group", _("Chia suất theo đơn vị cấp trên thì cần chọn đối tượng."))
        if cleaned.get("share_cap_percent") and not cleaned.get("target_group"):
            self.add_error("target_group", _("Giới hạn theo tỷ lệ thì cần chọn đối tượng (tỷ lệ tính trên số đơn vị "
                                             "thuộc đối tượng)."))
        if cleaned.get("bloc_kind") and not cleaned.get("per_bloc"):
            self.add_error("per_bloc", _("Hãy ghi số suất mỗi khối, cụm."))
        blocs = EmulationBloc.objects.filter(organiser=self.plan.issuer)
        if cleaned.get("bloc_kind"):
            blocs = blocs.filter(kind=cleaned["bloc_kind"])
        if cleaned.get("per_bloc") and not blocs.exists():
            self.add_error("per_bloc", _("%(issuer)s chưa có khối, cụm thi đua nào để chia suất.") % {
                "issuer": self.plan.issuer.name})
        return cleaned


def units_under(unit: Unit):
    return Unit.objects.filter(path__startswith=unit.path, archived_at__isnull=True).exclude(pk=unit.pk)


def units_of_root(unit: Unit):
    root_path = unit.path.split("/")[0] + "/"
    return Unit.objects.filter(path__startswith=root_path, archived_at__isnull=True)


class AssignmentForm(PartForm):
    class Meta:
        model = Assignment
        fields = ["text", "units", "is_lead"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "units": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["units"].queryset = units_of_root(plan.issuer)
        self.fields["units"].required = False


class DeadlineForm(PartForm):
    class Meta:
        model = Deadline
        fields = ["kind", "from_units", "to_unit", "due_on", "recurrence", "assignment", "lead"]
        widgets = {
            "due_on": forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET),
            "from_units": forms.SelectMultiple(attrs={"size": 8}),
            "lead": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["from_units"].queryset = units_under(plan.issuer)
        self.fields["to_unit"].queryset = units_of_root(plan.issuer)
        self.fields["assignment"].queryset = Assignment.objects.filter(plan=plan)
        self.fields["assignment"].label_from_instance = lambda assignment: assignment.text[:80]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("due_on") and cleaned.get("kind") != "implementing_plan":
            self.add_error("due_on", _("Hãy ghi hạn nộp (dd/mm/yyyy)."))
        return cleaned


class RecipientForm(PartForm):
    class Meta:
        model = Recipient
        fields = ["text", "units"]
        widgets = {"units": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["units"].queryset = units_of_root(plan.issuer)
        self.fields["units"].required = False


PART_FORMS = {
    "legal_basis": LegalBasisForm,
    "section": SectionForm,
    "target_group": TargetGroupForm,
    "criterion_group": CriterionGroupForm,
    "criterion": CriterionForm,
    "target": TargetForm,
    "quota": QuotaForm,
    "assignment": AssignmentForm,
    "deadline": DeadlineForm,
    "recipient": RecipientForm,
}

PART_TITLES = {
    "legal_basis": _("Căn cứ"),
    "section": _("Các mục nội dung"),
    "target_group": _("Đối tượng thi đua"),
    "criterion_group": _("Nhóm tiêu chí"),
    "criterion": _("Tiêu chí"),
    "target": _("Chỉ tiêu"),
    "quota": _("Hình thức và số lượng khen thưởng"),
    "assignment": _("Tổ chức thực hiện"),
    "deadline": _("Thời hạn"),
    "recipient": _("Nơi nhận"),
}


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DeriveForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị xây dựng kế hoạch triển khai"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)
    issuer = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị ban hành"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["state"].choices = [("", _("Mọi trạng thái")), *PlanState.choices]


class OutsideDocumentForm(forms.ModelForm):
    class Meta:
        model = OutsideDocument
        fields = ["doc_type", "number_symbol", "issued_on", "issuer_name", "connector", "subject", "file"]
        widgets = {"issued_on": forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET),
                   "subject": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("doc_type") != OutsideDocumentType.LAW and not cleaned.get("number_symbol", "").strip():
            self.add_error("number_symbol", _("Hãy ghi số, ký hiệu của văn bản (chỉ luật mới được để trống)."))
        return cleaned

    def _post_clean(self):
        """No model validation here: ``outside_document_create`` checks the whole row, and
        whether it is in the register already, and says so on the fields."""


class OutsideDocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), required=False,
                                 choices=[("", _("Mọi loại")), *OutsideDocumentType.choices])
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100)


class PeriodCloseForm(forms.Form):
    ends_on = forms.DateField(label=_("Ngày kết thúc đợt thi đua"),
                              widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET))


class RecordIssuedForm(forms.Form):
    number = forms.IntegerField(label=_("Số"), min_value=1, max_value=99999)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, help_text=_("Ví dụ: KH-UBND"))
    issued_on = forms.DateField(label=_("Ngày ban hành"),
                                widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET))
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=200)
    pdf = forms.FileField(label=_("Tệp PDF của văn bản (bản quét hoặc bản đã ký số)"))


class PlanImportForm(forms.Form):
    """A plan's Word file, or its text pasted from Word or a PDF; read here, so a file
    that cannot be read is refused on the form with what was pasted kept."""

    file = forms.FileField(label=_("Tệp Word (.docx) hoặc văn bản (.txt)"), required=False,
                           error_messages={"empty": _("Tệp trống, không có nội dung để nhập.")})
    text = forms.CharField(label=_("Hoặc dán nội dung kế hoạch"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
                           help_text=_("Chép từ Word hoặc từ tệp PDF; dòng bị ngắt giữa câu vẫn đọc được."))
    unit = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("Để trống: lấy theo tên cơ quan ở đầu văn bản."))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None or len(units) < 2:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa 10 MB.") % {
                "name": upload.name, "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")})
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if self.errors:
            return cleaned
        if bool(upload) == bool(text):
            raise forms.ValidationError(_("Hãy chọn một tệp Word hoặc dán nội dung kế hoạch (chỉ một trong hai)."))
        try:
            if text:
                cleaned["source_name"], cleaned["from_docx"], cleaned["lines"] = (
                    _("Nội dung dán vào"), False, read_text(text))
            elif upload.name.lower().endswith(".txt"):
                cleaned["source_name"], cleaned["from_docx"], cleaned["lines"] = (
                    upload.name, False, read_text(upload.read()))
            else:
                cleaned["source_name"], cleaned["from_docx"], cleaned["lines"] = (
                    upload.name, True, read_docx(upload.read()))
        except ImportError_ as error:
            self.add_error("text" if text else "file", str(error))
        return cleaned


class ImportChoicesForm(forms.Form):
    """One choice per name the rules could not match: a unit (or a whole level) or none."""

    def __init__(self, *args, review=None, unit_choices=(), award_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_names, self.award_names = [], []
        for index, match in enumerate(review.units.values()):
            if match.sure and match.name not in review.chosen_units:
                continue
            options = [("", _("— Chọn đơn vị —")), (NOT_LINKED, _("Không gắn đơn vị (giữ nguyên chữ)"))]
            options += [(str(pk), name) for pk, name in dict([*match.candidates, *unit_choices]).items()]
            self.fields[f"unit-{index}"] = forms.ChoiceField(label=match.name, choices=options, required=False,
                                                             initial=_initial(match))
            self.unit_names.append((f"unit-{index}", match.name))
        for index, match in enumerate(review.awards.values()):
            if match.sure and match.name not in review.chosen_awards:
                continue
            options = [("", _("— Chọn hình thức khen thưởng —")),
                       (NOT_LINKED, _("Bỏ, không đưa vào chỉ tiêu khen thưởng"))]
            options += [(str(pk), name) for pk, name in award_choices]
            self.fields[f"award-{index}"] = forms.ChoiceField(
                label=match.name, choices=options, required=False,
                initial=NOT_LINKED if match.sure and match.award is None else (match.award or ""))
            self.award_names.append((f"award-{index}", match.name))

    def chosen(self) -> tuple[dict, dict]:
        units = {name: (NOT_LINKED if self.cleaned_data[field] == NOT_LINKED else [int(self.cleaned_data[field])])
                 for field, name in self.unit_names if self.cleaned_data.get(field)}
        awards = {name: (NOT_LINKED if self.cleaned_data[field] == NOT_LINKED else int(self.cleaned_data[field]))
                  for field, name in self.award_names if self.cleaned_data.get(field)}
        return units, awards


def _initial(match) -> str:
    if match.sure and not match.units:
        return NOT_LINKED
    return str(match.units[0]) if len(match.units) == 1 else ""
