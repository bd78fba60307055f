"""The log-in form: a NIP (with or without its spaces) or an e-mail address, and the password."""

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
