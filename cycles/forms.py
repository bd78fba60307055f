"""Forms of the cycles app: office calendar days, creating and re-planning a cycle, step 1's
concept (with the cycle's selection settings) and the CC's decision on it."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.widgets import DateInput

from . import sop
from .calendar import WorkingCalendar
from .models import CalendarDay, Concept, Cycle


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "reason"]
        widgets = {"date": DateInput(), "kind": forms.RadioSelect}
        help_texts = {
            "reason": _("Mis. SKB revisi cuti bersama, libur daerah, penutupan kantor."),
        }

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        # A kind must be chosen: no "---------" radio button, none ticked before the person does.
        self.fields["kind"].choices = CalendarDay.Kind.choices

    def clean(self):
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        if day is None or not kind:
            return data
        shown = date_format(day)
        if CalendarDay.objects.filter(province=self.province, date=day).exists():
            self.add_error(
                "date",
                _("%(day)s sudah tercatat di kalender kantor; hapus dulu catatan lamanya.")
                % {"day": shown},
            )
            return data
        cal = WorkingCalendar.load(self.province)
        if kind == CalendarDay.Kind.CLOSED and not cal.is_working_day(day):
            why = cal.holiday_name(day) or _("akhir pekan")
            self.add_error(
                "date",
                _("%(day)s sudah bukan hari kerja (%(why)s).") % {"day": shown, "why": why},
            )
        if kind == CalendarDay.Kind.OPEN and cal.is_working_day(day):
            self.add_error("date", _("%(day)s sudah hari kerja.") % {"day": shown})
        return data

    def validate_unique(self):
        """The date's uniqueness is checked in clean(), with a message that says what to do."""


class CycleCreateForm(forms.Form):
    start_date = forms.DateField(
        label=_("Tanggal mulai (langkah 1)"),
        widget=DateInput(),
        help_text=_("Langkah 1-5 dijadwalkan dalam hari kerja mulai tanggal ini."),
    )
    year = forms.IntegerField(
        label=_("Tahun siklus"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "Kosongkan untuk tahun tanggal mulai. Siklus tahun berikutnya boleh disiapkan sejak "
            "semester kedua tahun ini."
        ),
    )
    themes_to_select = forms.IntegerField(
        label=_("Jumlah tema terpilih"), min_value=1, max_value=12, initial=3
    )
    proposals_per_office = forms.IntegerField(
        label=_("Usulan tema per kantor kabupaten/kota"), min_value=1, max_value=10, initial=3
    )

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province

    def clean(self):
        data = super().clean()
        start = data.get("start_date")
        if start is None or "year" in self.errors:
            return data
        year = data.get("year") or start.year
        if year < timezone.localdate().year - 1:
            self.add_error(
                "year" if data.get("year") else "start_date", _("Tahun siklus terlalu lampau.")
            )
        elif year == start.year + 1 and start.month < 7:
            # Next year's cycle may be prepared in the second half of this one (the demo's
            # guest provinces do so from autumn): steps 1-5 then end before that year begins.
            self.add_error(
                "start_date",
                _("Siklus %(year)s paling awal dimulai 1 Juli %(previous)s.")
                % {"year": year, "previous": start.year},
            )
        elif year not in (start.year, start.year + 1):
            self.add_error(
                "year",
                _("Siklus %(year)s tidak dapat dimulai pada %(start)s.")
                % {"year": year, "start": date_format(start, "j F Y")},
            )
        elif Cycle.objects.filter(province=self.province, year=year).exists():
            self.add_error(
                "year" if data.get("year") else "start_date",
                _("Siklus Serawai %(year)s untuk provinsi ini sudah ada; gunakan jadwal ulang.")
                % {"year": year},
            )
        data["year"] = year
        return data


class ReplanForm(forms.Form):
    from_step = forms.TypedChoiceField(
        label=_("Jadwalkan ulang mulai langkah"),
        coerce=int,
        choices=[(s.number, f"{s.number}. {s.name}") for s in sop.CYCLE_STEPS],
    )
    start = forms.DateField(label=_("Tanggal mulai baru"), widget=DateInput())

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        open_numbers = list(cycle.steps.open().values_list("number", flat=True))
        self.fields["from_step"].choices = [
            (s.number, f"{s.number}. {s.name}") for s in sop.CYCLE_STEPS if s.number in open_numbers
        ]

    def clean(self):
        data = super().clean()
        number, start = data.get("from_step"), data.get("start")
        if number and start:
            before = self.cycle.steps.filter(number=number - 1).first()
            if before is not None and start <= before.due and not before.is_done:
                self.add_error(
                    "start",
                    _("Langkah %(n)d baru berakhir %(due)s; mulai sesudahnya.")
                    % {"n": before.number, "due": date_format(before.due)},
                )
        return data


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
