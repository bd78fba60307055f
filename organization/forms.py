from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP atau e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("NIP/e-mail atau kata sandi salah. Periksa kembali lalu coba lagi."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin Serawai."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Django caps the field at the NIP's 18 characters, which would cut off an e-mail address
        # or a NIP typed with its spaces ("19860926 201505 1 001").
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254


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
