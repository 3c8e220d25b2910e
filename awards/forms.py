from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AttachmentKind, AwardType, Gender, NominationState, NomineeKind
from campaigns.models import TargetGroup
from emulation.models import Unit, User


class AwardTypeForm(forms.ModelForm):
    class Meta:
        model = AwardType
        fields = [
            "name", "kind", "for_individuals", "for_collectives", "for_households", "conferring_level",
            "conferred_by", "frequency", "conditions", "vote_threshold_percent", "cash_multiple", "is_active",
            "position",
        ]
        widgets = {"conditions": forms.Textarea(attrs={"rows": 3})}
        localized_fields = ["cash_multiple"]  # "0,6" as people type it

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("for_individuals") or cleaned.get("for_collectives") or cleaned.get("for_households")):
            raise forms.ValidationError("Hãy chọn ít nhất một đối tượng được khen: cá nhân, tập thể hoặc hộ gia đình.")
        return cleaned




class NominationCreateForm(forms.Form):
    quota = forms.ModelChoiceField(queryset=None, label=_("Hình thức khen thưởng"))
    kind = forms.ChoiceField(choices=NomineeKind.choices, label=_("Đề nghị cho"), widget=forms.RadioSelect,
                             initial=NomineeKind.COLLECTIVE)
    nominee_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False,
                                          label=_("Tập thể được đề nghị"))
    person_name = forms.CharField(max_length=200, required=False, label=_("Họ và tên (nếu là cá nhân)"))
    person_gender = forms.ChoiceField(choices=[("", "—"), *Gender.choices], required=False, label=_("Giới tính"))
    person_position = forms.CharField(max_length=200, required=False, label=_("Chức vụ"))
    person_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=_("Đơn vị công tác"))
    nominating_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị đề nghị"))

    def __init__(self, *args, quotas, units, nominating_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quota"].queryset = quotas
        self.fields["quota"].label_from_instance = lambda quota: (
            f"{quota.name} — {quota.target_group.name if quota.target_group else 'mọi đối tượng'}"
            + (f" ({quota.count} suất)" if quota.count else ""))
        self.fields["nominee_unit"].queryset = units
        self.fields["person_unit"].queryset = units
        self.fields["nominating_unit"].queryset = nominating_units
        if nominating_units.count() == 1:
            self.fields["nominating_unit"].initial = nominating_units.first()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == NomineeKind.COLLECTIVE and not cleaned.get("nominee_unit"):
            self.add_error("nominee_unit", _("Hãy chọn tập thể được đề nghị."))
        if cleaned.get("kind") == NomineeKind.INDIVIDUAL and not cleaned.get("person_name", "").strip():
            self.add_error("person_name", _("Hãy ghi họ và tên người được đề nghị."))
        return cleaned


class AchievementsForm(forms.Form):
    achievements = forms.CharField(label=_("Báo cáo thành tích"), widget=forms.Textarea(attrs={"rows": 8}),
                                   required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(choices=AttachmentKind.choices, label=_("Loại tài liệu"))
    description = forms.CharField(max_length=255, required=False, label=_("Mô tả"))
    file = forms.FileField(label=_("Tệp (PDF, DOCX, PNG, JPG; tối đa 10 MB)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Giao cho cán bộ thẩm định"))

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class ReopenForm(forms.Form):
    nominating_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị được nộp lại"))
    until = forms.DateField(label=_("Gia hạn đến ngày"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominating_unit"].queryset = units


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    nominating_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị đề nghị"), required=False)
    award_type = forms.ModelChoiceField(queryset=AwardType.objects.all(), label=_("Hình thức"), required=False)
    group = forms.ModelChoiceField(queryset=TargetGroup.objects.none(), label=_("Đối tượng"), required=False)

    def __init__(self, *args, units, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups
        self.fields["state"].choices = [("", _("Mọi trạng thái")),
                                        *[c for c in NominationState.choices if c[0] != "draft"]]
        self.fields["nominating_unit"].queryset = units

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q", "") or "", "state": data.get("state", "") or "",
            "nominating_unit_id": data["nominating_unit"].pk if data.get("nominating_unit") else None,
            "award_type_id": data["award_type"].pk if data.get("award_type") else None,
            "target_group_id": data["group"].pk if data.get("group") else None,
        }


class CouncilOpenForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    present = forms.ModelMultipleChoiceField(queryset=User.objects.none(), label=_("Thành viên có mặt"),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members


class MinutesForm(forms.Form):
    place = forms.CharField(label=_("Địa điểm họp"), max_length=255)
    chair = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Người chủ trì"))
    secretary = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Thư ký"))

    def __init__(self, *args, present, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary"):
            self.fields[name].queryset = present
            self.fields[name].label_from_instance = lambda person: person.get_full_name()
