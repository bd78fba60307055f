"""E-mail backends standing in for an SMTP server that refuses (an external system)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class TemporaryFailureBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPResponseException(421, b"4.3.2 Service not available, try later")


class PermanentFailureBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@bps.go.id": (550, b"5.1.1 No such user")})
