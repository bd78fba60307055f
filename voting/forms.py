"""Forms of steps 3-5: a proposal, reopening, the ballot, the tie decision, hosts and dates."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.text import validate_one_line
from common.widgets import DateInput
from organization.models import Employee, Office

from .models import ThemeProposal


class ProposalForm(forms.ModelForm):
    speakers = forms.ModelMultipleChoiceField(
        label=_("Narasumber dari pegawai BPS"),
        queryset=Employee.objects.none(),
        required=False,
        help_text=_("Pilih satu atau lebih pegawai (tahan Ctrl untuk memilih beberapa)."),
    )
    external_speakers = forms.CharField(
        label=_("Narasumber dari luar BPS"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu orang per baris: Nama; Instansi"),
    )

    class Meta:
        model = ThemeProposal
        fields = ["title", "abstract", "relevance", "preferred_quarter"]
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 4}),
            "relevance": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = (
            Employee.objects.active().in_province(province).order_by("full_name")
        )
        # The title becomes an event's name, e-mail subjects and file names: one line.
        self.fields["title"].validators.append(validate_one_line)
        if self.instance.pk:
            speakers = list(self.instance.speakers.all())
            self.initial["speakers"] = [s.employee_id for s in speakers if s.employee_id]
            self.initial["external_speakers"] = "\n".join(
                f"{s.external_name}; {s.external_institution}"
                for s in speakers
                if not s.employee_id
            )

    def clean_external_speakers(self):
        people = []
        for line in self.cleaned_data["external_speakers"].splitlines():
            if not line.strip():
                continue
            name, _sep, institution = line.partition(";")
            if not name.strip() or not institution.strip():
                raise forms.ValidationError(
                    _("Tulis setiap narasumber luar sebagai: Nama; Instansi")
                )
            people.append((name.strip()[:150], institution.strip()[:150]))
        return people

    def clean(self):
        data = super().clean()
        if not data.get("speakers") and not data.get("external_speakers"):
            if "speakers" not in self.errors and "external_speakers" not in self.errors:
                raise forms.ValidationError(_("Usulkan sedikitnya satu narasumber."))
        return data


class ReopenForm(forms.Form):
    until = forms.DateField(label=_("Dibuka sampai"), widget=DateInput())
    reason = forms.CharField(label=_("Alasan"), max_length=250)


def _at_most(n: int) -> str:
    return _("Pilih paling banyak %(n)d tema.") % {"n": n}


_at_most_lazy = lazy(_at_most, str)


class BallotForm(forms.Form):
    """The secret ballot: the themes in the voter's own order, at most `max_choices` ticked."""

    choices = forms.MultipleChoiceField(
        label=_("Tema pilihan Anda"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih sedikitnya satu tema."),
            "invalid_choice": _("Pilihan %(value)s tidak ada dalam surat suara Anda."),
        },
    )

    def __init__(self, *args, proposals, max_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_choices = max_choices
        self.proposals = proposals  # BallotEntry tuples, in the voter's order
        self.fields["choices"].choices = [(str(p.pk), p.label) for p in proposals]
        self.fields["choices"].help_text = _at_most_lazy(max_choices)

    def clean_choices(self):
        chosen = self.cleaned_data["choices"]
        if len(chosen) > self.max_choices:
            raise forms.ValidationError(
                _("Pilih paling banyak %(n)d tema; Anda memilih %(k)d.")
                % {"n": self.max_choices, "k": len(chosen)}
            )
        return [int(pk) for pk in chosen]

    def chosen_entries(self):
        """The ticked themes, in the order of the ballot (for the confirmation)."""
        chosen = set(self.cleaned_data.get("choices") or ())
        return [p for p in self.proposals if p.pk in chosen]


class TieForm(forms.Form):
    chosen = forms.MultipleChoiceField(
        label=_("Usulan yang ditetapkan"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Alasan keputusan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, tied, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        self.fields["chosen"].choices = [(str(p.pk), p.title) for p in tied]

    def clean_chosen(self):
        chosen = self.cleaned_data["chosen"]
        if len(chosen) != self.seats:
            message = ngettext("Pilih tepat %(n)d usulan.", "Pilih tepat %(n)d usulan.", self.seats)
            raise forms.ValidationError(message % {"n": self.seats})
        return [int(pk) for pk in chosen]


class SelectionForm(forms.Form):
    host_office = forms.ModelChoiceField(label=_("Tuan rumah"), queryset=Office.objects.none())
    host_change_reason = forms.CharField(
        label=_("Alasan perubahan tuan rumah"), required=False, max_length=250
    )
    event_date = forms.DateField(label=_("Tanggal kegiatan"), widget=DateInput())

    def __init__(self, *args, province, winner, **kwargs):
        super().__init__(*args, prefix=f"p{winner.proposal.pk}", **kwargs)
        self.winner = winner
        self.fields["host_office"].queryset = Office.objects.in_province(province)
