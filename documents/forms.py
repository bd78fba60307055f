"""The one form of the documents app: why a signed document is withdrawn."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dicatat bersama nama Anda dan waktunya; tampil pada halaman verifikasi."),
    )
