"""The page on which a letter signed elsewhere is registered in place of one Serawai would issue.

Each stage's view says which office the letter is from, what it is, where to go back to and
which service to call with the `ExternalLetter`; the service then does what issuing its own
letter does (completes the step, tells whom it tells), so the registered letter counts exactly
as that letter.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.views import showing_refusal

from .forms import ExternalLetterForm

TEMPLATE = "documents/external_letter.html"


def external_letter_page(request, *, office, title, back_url, subject, register):
    """GET: the form; POST: validate and call `register(external_letter)`. A refusal by the
    service is shown on the form with what was typed kept."""
    form = ExternalLetterForm(
        request.POST or None,
        request.FILES or None,
        office=office,
        initial={"subject": subject, "date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        with showing_refusal(request, form):
            letter = register(form.external_letter())
            number = getattr(letter, "number", form.cleaned_data["number"])
            messages.success(
                request, _("Surat %(number)s didaftarkan dari luar.") % {"number": number}
            )
            return redirect(back_url)
    context = {"form": form, "title": title, "office": office, "back_url": back_url}
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATE, context, status=status)
