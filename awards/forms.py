from django import forms

from awards.models import AwardType


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
