"""Forgotten passwords: a reset link by e-mail (Django's token), through the outbox, at most
RESETS_PER_HOUR mails per address, and a page that never tells whether an address is known."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import OutboxMail
from notifications.services import kick_outbox

RESETS_PER_HOUR = 3
SUBJECT = "[Serawai] Atur ulang kata sandi"


def recently_sent(address: str) -> int:
    """Reset mails queued for `address` in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    return OutboxMail.objects.filter(
        to_address__iexact=address, subject=SUBJECT, created_at__gte=since
    ).count()


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form whose mail goes through the outbox (retried, never lost) and stops
    after RESETS_PER_HOUR mails an hour to one address, so the form cannot flood a mailbox."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Alamat e-mail")  # the app's spelling, not Django's "Email"

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        if recently_sent(to_email) >= RESETS_PER_HOUR:
            return
        with translation.override("id"), transaction.atomic():
            OutboxMail.objects.create(
                recipient=context["user"],
                to_address=to_email,
                subject=SUBJECT,
                text=render_to_string(email_template_name, context),
            )
            transaction.on_commit(kick_outbox)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link in the mail points at the address people reach the site at.
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
