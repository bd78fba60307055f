"""Rating forms of step 11: 1-5 per criterion as radio buttons, comments and suggestions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .criteria import ORGANIZER_CRITERIA, PRESENTER_CRITERIA, SCORES

SCORE_CHOICES = [(s, str(s)) for s in SCORES]


def _score_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih nilai 1 sampai 5."),
            "invalid_choice": _("Nilai harus 1 sampai 5."),
        },
    )


class PresenterRatingForm(forms.Form):
    """One block per Narasumber: the five criteria, a comment and a suggestion."""

    def __init__(self, *args, presenters, **kwargs):
        super().__init__(*args, **kwargs)
        self.presenters = list(presenters)
        for member in self.presenters:
            for c in PRESENTER_CRITERIA:
                self.fields[f"p{member.pk}_{c.key}"] = _score_field(c.label)
            self.fields[f"p{member.pk}_comment"] = forms.CharField(
                label=_("Komentar untuk narasumber"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"p{member.pk}_suggestion"] = forms.CharField(
                label=_("Saran untuk kegiatan berikutnya"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def blocks(self):
        """(presenter, score fields, comment field, suggestion field) for the template."""
        for member in self.presenters:
            yield (
                member,
                [self[f"p{member.pk}_{c.key}"] for c in PRESENTER_CRITERIA],
                self[f"p{member.pk}_comment"],
                self[f"p{member.pk}_suggestion"],
            )

    def ratings(self) -> dict:
        data = self.cleaned_data
        return {
            member: {
                **{c.key: data[f"p{member.pk}_{c.key}"] for c in PRESENTER_CRITERIA},
                "comment": data[f"p{member.pk}_comment"],
                "suggestion": data[f"p{member.pk}_suggestion"],
            }
            for member in self.presenters
        }


class OrganizerRatingForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan untuk penyelenggara"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {c.key: _score_field(c.label) for c in ORGANIZER_CRITERIA}
        self.fields = {**scores, "comment": self.fields["comment"]}

    def score_fields(self):
        return [self[c.key] for c in ORGANIZER_CRITERIA]

    def scores(self) -> dict:
        return {c.key: self.cleaned_data[c.key] for c in ORGANIZER_CRITERIA}
