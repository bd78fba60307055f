"""Forms of the events app (steps 6-9). Services re-check every rule; forms give early messages."""

from django import forms
from django.core.validators import FileExtensionValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from common.text import validate_one_line
from common.widgets import TimeInput
from organization.models import Employee
from organization.nip import normalize_nip

from .models import CommitteeMember, Event, EventTeamNeed, Minutes, Readiness

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]


class EmployeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        office = obj.office.short_name if obj.office_id else "-"
        return f"{obj.full_name} ({office})"


def _people(province):
    return Employee.objects.active().in_province(province).select_related("office")


class CommitteeMemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=CommitteeMember.Role.choices)
    employee = EmployeeChoiceField(
        label=_("Pegawai"), queryset=Employee.objects.none(), required=False
    )
    # Names and duties are printed on certificates and letters: one line each.
    external_name = forms.CharField(
        label=_("Nama pihak luar (khusus narasumber)"),
        max_length=150,
        required=False,
        validators=[validate_one_line],
    )
    external_institution = forms.CharField(
        label=_("Instansi"), max_length=150, required=False, validators=[validate_one_line]
    )
    duty = forms.CharField(
        label=_("Tugas (untuk peran lain)"),
        max_length=150,
        required=False,
        validators=[validate_one_line],
    )

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = _people(province)

    def clean(self):
        data = super().clean()
        if not data.get("employee") and not (data.get("external_name") or "").strip():
            raise forms.ValidationError(_("Pilih pegawai atau isi nama pihak luar."))
        if data.get("external_name") and not (data.get("external_institution") or "").strip():
            self.add_error("external_institution", _("Isi instansi narasumber pihak luar."))
        return data


class SignatoryForm(forms.Form):
    signatory = EmployeeChoiceField(label=_("Penandatangan"), queryset=Employee.objects.none())

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        people = Employee.objects.active().filter(office__in=offices).select_related("office")
        self.fields["signatory"].queryset = people.order_by("office__code", "full_name")
        head = people.heads().first()
        if head is not None:
            self.fields["signatory"].initial = head.pk


class ReadinessForm(forms.ModelForm):
    comment = forms.CharField(
        label=_("Catatan kemajuan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = Readiness
        fields = Readiness.MANUAL_ITEMS


class EventPlaceForm(forms.ModelForm):
    meeting_link = forms.URLField(
        label=_("Tautan rapat daring"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Event
        fields = [
            "mode",
            "place",
            "meeting_link",
            "start_time",
            "end_time",
            "checkin_margin_minutes",
        ]
        widgets = {
            "start_time": TimeInput(),
            "end_time": TimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].validators.append(validate_one_line)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Jam selesai harus sesudah jam mulai."))
        mode = data.get("mode")
        if mode == Event.Mode.ONLINE and not data.get("meeting_link"):
            self.add_error("meeting_link", _("Kegiatan daring memerlukan tautan rapat."))
        return data


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TeamNeedForm(forms.ModelForm):
    class Meta:
        model = EventTeamNeed
        fields = ["role", "people", "start_time", "end_time", "note"]
        widgets = {
            "start_time": TimeInput(),
            "end_time": TimeInput(),
        }

    def clean_people(self):
        people = self.cleaned_data["people"]
        if not 1 <= people <= 10:
            raise forms.ValidationError(_("Jumlah orang 1 sampai 10."))
        return people


class SwapForm(forms.Form):
    employee = EmployeeChoiceField(label=_("Pengganti"), queryset=Employee.objects.none())
    reason = forms.CharField(label=_("Alasan penggantian"), max_length=250)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = Employee.objects.filter(
            pk__in=[c.pk for c in candidates]
        ).select_related("office")


class UnavailableForm(forms.Form):
    employee = EmployeeChoiceField(label=_("Anggota"), queryset=Employee.objects.none())
    reason = forms.CharField(label=_("Alasan berhalangan"), max_length=200)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = members.select_related("office")


class AttendeeForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP pegawai"),
        max_length=30,
        help_text=_("18 angka; spasi boleh, mis. 19860926 201505 1 001"),
    )

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province

    def clean_nip(self):
        nip = normalize_nip(self.cleaned_data["nip"])
        employee = Employee.objects.active().in_province(self.province).filter(nip=nip).first()
        if employee is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai aktif dengan NIP itu di provinsi ini.")
            )
        self.cleaned_data["employee"] = employee
        return nip


class CorrectionReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan koreksi"),
        max_length=200,
        help_text=_("Wajib setelah kegiatan berakhir; tercatat di jejak audit."),
    )


class LateAttendeeForm(AttendeeForm, CorrectionReasonForm):
    """The CAN adds an attendee after the event: the NIP and why it was not recorded."""


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["summary", "questions_answers", "follow_ups"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "questions_answers": forms.Textarea(attrs={"rows": 6}),
            "follow_ups": forms.Textarea(attrs={"rows": 4}),
        }


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Foto"),
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Keterangan foto"), max_length=250)


def _checked_material(upload):
    from .material_files import inspect_material

    inspect_material(upload)  # ValidationError with the reason, shown on the field
    return upload


class MaterialReplaceForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas presentasi (PDF, PPTX atau ODP)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.pptx,.odp,application/pdf,"
                "application/vnd.openxmlformats-officedocument.presentationml.presentation,"
                "application/vnd.oasis.opendocument.presentation"
            }
        ),
    )

    def clean_file(self):
        return _checked_material(self.cleaned_data["file"])


class MaterialForm(MaterialReplaceForm):
    field_order = ["title", "file"]

    title = forms.CharField(
        label=_("Judul materi"),
        max_length=200,
        required=False,
        validators=[validate_one_line],
        help_text=_("Kosongkan untuk memakai nama berkas."),
    )


class RecordingForm(forms.Form):
    recording_url = forms.URLField(
        label=_("Tautan rekaman"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=_("Tautan rekaman harus alamat http:// atau https:// yang sah."),
            )
        ],
        help_text=_("Alamat http:// atau https:// rekaman kegiatan, mis. YouTube atau Drive."),
    )


class LibraryEntryForm(forms.Form):
    """Pustaka Serawai: the topic the library files a held event under, and whether every
    province sees it."""

    topic = forms.ChoiceField(
        label=_("Topik"),
        choices=[("", _("Belum ditentukan")), *Event.Topic.choices],
        required=False,
    )
    shared = forms.BooleanField(label=_("Bagikan ke semua provinsi"), required=False)
