"""Forms of the activity report: narrative chapters, the draft opening speech, the CC decision."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ActivityReport
from .speech_files import MAX_BYTES, inspect_speech_file

CHAPTER_HELP = {
    "introduction": _("Latar belakang, dasar pelaksanaan (SOP-098/17000/2025), maksud dan tujuan."),
    "implementation": _("Waktu, tempat, penyelenggara, narasumber, peserta dan jalannya acara."),
    "results": _("Hasil kegiatan, pokok bahasan, temuan evaluasi dan tindak lanjut."),
    "closing": _("Kesimpulan dan saran untuk kegiatan berikutnya."),
}


class ChaptersForm(forms.ModelForm):
    class Meta:
        model = ActivityReport
        fields = ["introduction", "implementation", "results", "closing"]
        widgets = {f: forms.Textarea(attrs={"rows": 6}) for f in fields}
        help_texts = CHAPTER_HELP


class SpeechForm(forms.Form):
    speaker = forms.CharField(
        label=_("Disampaikan oleh"),
        max_length=150,
        required=False,
        help_text=_("Nama dan jabatan pemberi sambutan, mis. Kepala BPS Kabupaten Seluma."),
    )
    text = forms.CharField(
        label=_("Naskah sambutan"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    upload = forms.FileField(
        label=_("Atau unggah berkas (PDF, DOCX, ODT)"),
        required=False,
        help_text=_("Paling besar %(mb)d MB.") % {"mb": MAX_BYTES // 1048576},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )

    def __init__(self, *args, has_file=False, **kwargs):
        self.has_file = has_file
        super().__init__(*args, **kwargs)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            if upload.size > MAX_BYTES:
                raise ValidationError(
                    _("Berkas terlalu besar: paling besar %(mb)d MB.")
                    % {"mb": MAX_BYTES // 1048576}
                )
            inspect_speech_file(upload.name, upload.read())
            upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("upload") and not self.has_file:
            raise ValidationError(_("Isi naskah sambutan atau unggah berkasnya."))
        return data


class DecisionForm(forms.Form):
    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[(APPROVE, _("Setujui laporan")), (RETURN, _("Kembalikan dengan catatan"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Catatan CC"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Wajib diisi bila laporan dikembalikan."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tuliskan catatan perbaikan untuk penyusun laporan."))
        return data


class EvidencePackForm(forms.Form):
    """Which evidence pack to build: the whole year, or one quarter."""

    YEAR = "year"

    period = forms.ChoiceField(
        label=_("Cakupan"),
        choices=[
            (YEAR, _("Satu tahun")),
            ("1", _("Triwulan I")),
            ("2", _("Triwulan II")),
            ("3", _("Triwulan III")),
            ("4", _("Triwulan IV")),
        ],
    )

    @property
    def quarter(self) -> int | None:
        period = self.cleaned_data["period"]
        return None if period == self.YEAR else int(period)
