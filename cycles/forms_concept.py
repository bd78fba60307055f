"""Forms of steps 1 and 2: the concept (with the cycle's selection settings), the CC's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .concept_models import Concept


class ConceptForm(forms.ModelForm):
    themes_to_select = forms.IntegerField(
        label=_("Jumlah tema terpilih"), min_value=1, max_value=12, initial=3
    )
    proposals_per_office = forms.IntegerField(
        label=_("Usulan tema paling banyak per kantor"), min_value=1, max_value=10, initial=3
    )

    class Meta:
        model = Concept
        fields = [
            "background",
            "aims",
            "format",
            "selection_rules",
            "electorate",
            "choices_per_ballot",
            "exclude_own_office",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("background", "aims", "format", "selection_rules")
        }

    def clean_choices_per_ballot(self):
        value = self.cleaned_data["choices_per_ballot"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("Isi antara 1 dan 10 pilihan."))
        return value


class ConceptDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("agree", _("Sepakati")), ("return", _("Kembalikan dengan catatan"))],
    )
    comment = forms.CharField(label=_("Catatan untuk CAN"), required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tuliskan catatan bila konsep dikembalikan."))
        return data
