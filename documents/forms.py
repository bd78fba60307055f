"""The forms of the documents app: why a signed document is withdrawn, a letter signed
elsewhere registered in place of one of ours, and a certificate's code typed by hand."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.widgets import DateInput

from .letters import ExternalLetter
from .models import Letter


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dicatat bersama nama Anda dan waktunya; tampil pada halaman verifikasi."),
    )


class VerifyForm(forms.Form):
    """The verification code printed under a certificate's QR code, typed by someone who cannot
    scan it. Codes are random URL-safe tokens, so letters keep their case; a pasted address of
    the verification page is read for its code."""

    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=200,
        help_text=_(
            "Ketik persis seperti tercetak di bawah kode QR sertifikat; huruf besar dan kecil "
            "dibedakan."
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        code = code.rstrip("/").rsplit("/", 1)[-1]
        if not code:
            raise forms.ValidationError(_("Ketik kode verifikasinya."))
        return code


class ExternalLetterForm(forms.Form):
    """A letter signed outside Serawai: its printed number and date, its subject, its signer and
    its PDF (checked by content, not by name). The number is unique per office and year."""

    number = forms.CharField(
        label=_("Nomor surat"),
        max_length=60,
        help_text=_("Persis seperti tertulis pada surat."),
    )
    date = forms.DateField(label=_("Tanggal surat"), widget=DateInput())
    subject = forms.CharField(label=_("Hal"), max_length=250)
    signatory_name = forms.CharField(label=_("Ditandatangani oleh"), max_length=150)
    file = forms.FileField(label=_("Berkas surat (PDF)"))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        limit = filesizeformat(settings.SERAWAI_LETTER_MAX_BYTES)
        self.fields["file"].help_text = _("PDF, paling besar %(size)s.") % {"size": limit}
        self.fields["file"].widget.attrs["accept"] = "application/pdf"

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal surat tidak boleh setelah hari ini."))
        return value

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SERAWAI_LETTER_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(size)s).")
                % {"size": filesizeformat(settings.SERAWAI_LETTER_MAX_BYTES)}
            )
        upload.seek(0)
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError(_("Berkas ini bukan PDF."))
        return data

    def clean(self):
        cleaned = super().clean()
        number, date = (cleaned.get("number") or "").strip(), cleaned.get("date")
        taken = Letter.objects.filter(office=self.office, number__iexact=number)
        if number and date and taken.filter(year=date.year).exists():
            self.add_error(
                "number",
                _("Nomor ini sudah terdaftar untuk %(office)s pada tahun %(year)s.")
                % {"office": self.office.short_name, "year": date.year},
            )
        return cleaned

    def external_letter(self) -> ExternalLetter:
        data = self.cleaned_data
        return ExternalLetter(
            number=data["number"],
            date=data["date"],
            subject=data["subject"],
            signatory_name=data["signatory_name"],
            pdf=data["file"],
        )
