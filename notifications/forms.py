from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class EmailPreferencesForm(forms.Form):
    """Which kinds of message a person also wants by e-mail (the bell always shows them)."""

    email_kinds = forms.MultipleChoiceField(
        label=_("Kirim juga lewat e-mail"),
        choices=kinds.MUTABLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Jenis yang tidak dicentang tetap muncul di lonceng notifikasi, tanpa e-mail."),
    )
