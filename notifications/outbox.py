"""Sending the e-mail outbox: claim a row, send it over SMTP, mark it sent.

Exactly once, as far as SMTP allows: a row is claimed (pending -> sending) in its own short
transaction, so two workers never send the same row; it is marked sent in another short
transaction right after the SMTP server accepted it. What remains is the window between the
server's acceptance and that mark (a few milliseconds): a worker killed exactly there leaves the
row "sending", and after SERAWAI_OUTBOX_STUCK_SECONDS (default 10 minutes) it is sent again.
Such a duplicate carries the same Message-ID header, so mail clients and servers that
de-duplicate by Message-ID show it once. Every other failure (killed before sending, SMTP down,
broker down) delays the mail and never loses or doubles it.
"""

import logging
import smtplib
import socket
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .emails import render_email
from .models import OutboxMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


def stuck_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "SERAWAI_OUTBOX_STUCK_SECONDS", 600))


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the n-th failed attempt: 1, 2, 4, ... minutes, at most 6 hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def requeue_stuck(now=None) -> int:
    """Rows left "sending" by a worker that died return to the queue."""
    now = now or timezone.now()
    return OutboxMail.objects.filter(
        status=OutboxMail.Status.SENDING, sending_since__lt=now - stuck_after()
    ).update(status=OutboxMail.Status.PENDING, next_attempt_at=now, sending_since=None)


def claim_next(now=None) -> OutboxMail | None:
    """Take the next due row for this worker (pending -> sending), or None."""
    now = now or timezone.now()
    due = OutboxMail.objects.filter(
        status=OutboxMail.Status.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "id")
    claim = {
        "status": OutboxMail.Status.SENDING,
        "sending_since": now,
        "attempts": F("attempts") + 1,
    }
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            row = due.select_for_update(skip_locked=True).only("id").first()
            candidates = [row.pk] if row else []
        else:
            # SQLite: one writer at a time; a compare-and-swap on the status is enough.
            candidates = list(due.values_list("id", flat=True)[:10])
        for pk in candidates:
            if OutboxMail.objects.filter(pk=pk, status=OutboxMail.Status.PENDING).update(**claim):
                return OutboxMail.objects.select_related("notification__recipient").get(pk=pk)
    return None


def _message(row: OutboxMail, conn) -> EmailMultiAlternatives:
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "serawai"
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_address],
        connection=conn,
        headers={"Message-ID": f"<serawai-outbox-{row.pk}@{domain}>"},
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    return message


def _render(row: OutboxMail) -> None:
    """Render the e-mail body once and keep it on the row (the admin shows what was sent)."""
    if row.notification is None:
        raise ValueError("the notification of this e-mail was deleted")
    row.text, row.html = render_email(row.notification)
    OutboxMail.objects.filter(pk=row.pk).update(text=row.text, html=row.html)


def _is_temporary(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, smtplib.SMTPException | socket.error | TimeoutError | ConnectionError)


def send_row(row: OutboxMail, conn=None) -> str:
    """Send one claimed row and record the outcome in its own transaction; returns the status."""
    delay = float(getattr(settings, "SERAWAI_TEST_SEND_DELAY", 0) or 0)
    if delay:
        time.sleep(delay)  # tests only: widens the window a killed worker lands in
    try:
        if not row.text:
            _render(row)
        _message(row, conn or get_connection()).send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        now = timezone.now()
        temporary = _is_temporary(exc) and row.attempts < MAX_ATTEMPTS
        status = OutboxMail.Status.PENDING if temporary else OutboxMail.Status.FAILED
        OutboxMail.objects.filter(pk=row.pk, status=OutboxMail.Status.SENDING).update(
            status=status,
            sending_since=None,
            next_attempt_at=now + retry_delay(row.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        logger.warning("E-mail %s to %s: %s (%s)", row.pk, row.to_address, exc, status)
        return status
    OutboxMail.objects.filter(pk=row.pk).update(
        status=OutboxMail.Status.SENT, sent_at=timezone.now(), sending_since=None, last_error=""
    )
    return OutboxMail.Status.SENT


@dataclass
class DrainResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    requeued: int = 0


def drain(*, budget_seconds: float = 50, limit: int | None = None) -> DrainResult:
    """Send due rows until none is left, the time budget is spent or `limit` rows were tried.

    One SMTP connection for the whole run (closed and reopened after a failure).
    """
    result = DrainResult(requeued=requeue_stuck())
    started = time.monotonic()
    tried = 0
    conn = get_connection()
    try:
        while time.monotonic() - started < budget_seconds and (limit is None or tried < limit):
            row = claim_next()
            if row is None:
                break
            tried += 1
            if tried == 1:
                _open(conn)
            status = send_row(row, conn)
            if status == OutboxMail.Status.SENT:
                result.sent += 1
                continue
            conn.close()
            _open(conn)
            if status == OutboxMail.Status.PENDING:
                result.retried += 1
            else:
                result.failed += 1
    finally:
        conn.close()
    return result


def _open(conn) -> None:
    """Open the connection now if the server answers; else each send tries (and records why)."""
    try:
        conn.open()
    except Exception as exc:  # noqa: BLE001 - the send that follows records the failure
        logger.warning("E-mail server not reachable: %s", exc)
