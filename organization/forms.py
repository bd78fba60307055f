from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Employee, Office, RoleAssignment
from .services import check_assignment


class EmployeeImportForm(forms.Form):
    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label=_("Berkas .xlsx"),
        help_text=_(
            "Baris pertama judul kolom; kolom: NIP, Nama lengkap, Jabatan, Kode kantor, E-mail."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Unggah berkas Excel berekstensi .xlsx."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 5 MB."))
        return upload


class RoleAssignmentForm(forms.Form):
    """Assign a programme role for a year (the CAN's role management page)."""

    employee = forms.ModelChoiceField(label=_("Pegawai"), queryset=None)
    role = forms.ChoiceField(label=_("Peran"), choices=RoleAssignment.Role.choices)
    office = forms.ModelChoiceField(
        label=_("Kantor"),
        queryset=None,
        help_text=_("Kantor CA; untuk CAN, CC dan Event Team: BPS Provinsi."),
    )
    year = forms.IntegerField(label=_("Tahun"), min_value=2020, max_value=2100)
    note = forms.CharField(label=_("Catatan"), max_length=200, required=False)

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = (
            Employee.objects.active().in_province(province).select_related("office")
        )
        self.fields["employee"].label_from_instance = lambda e: (
            f"{e.full_name} — {e.nip_display} ({e.office.short_name if e.office else '-'})"
        )
        self.fields["office"].queryset = Office.objects.in_province(province)
        self.fields["office"].initial = province.pk
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if all(data.get(k) for k in ("employee", "role", "office", "year")):
            try:
                check_assignment(
                    employee=data["employee"],
                    role=data["role"],
                    office=data["office"],
                    year=data["year"],
                )
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return data
