"""The outbox: each e-mail sent once, temporary SMTP errors retried, stuck rows requeued."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications import kinds, outbox
from notifications.models import OutboxMail
from notifications.services import notify
from notifications.tasks import drain_outbox
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _queue(n=1):
    people = EmployeeFactory.create_batch(n)
    notify(people, kind=kinds.EVALUATION_OPEN, title="Formulir evaluasi dibuka", url="/e/1/")
    return people


def test_drain_sends_each_queued_email_once():
    people = _queue(3)
    assert drain_outbox() == {"sent": 3, "retried": 0, "failed": 0}
    assert drain_outbox() == {"sent": 0, "retried": 0, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {"sent"}
    message = mail.outbox[0]
    assert message.alternatives[0].mimetype == "text/html"
    assert message.extra_headers["Message-ID"].startswith("<serawai-outbox-")


def test_a_claimed_email_is_not_claimed_again():
    _queue(2)
    first, second = outbox.claim_next(), outbox.claim_next()
    assert first.pk != second.pk
    assert outbox.claim_next() is None
    assert first.status == "sending" and first.attempts == 1 and first.sending_since


def test_temporary_smtp_error_is_retried_with_back_off(settings):
    _queue(1)
    settings.EMAIL_BACKEND = "tests.notifications.backends.TemporaryFailureBackend"
    before = timezone.now()
    assert drain_outbox()["retried"] == 1
    row = OutboxMail.objects.get()
    assert row.status == "pending" and row.attempts == 1
    assert "421" in row.last_error
    assert row.next_attempt_at >= before + timedelta(minutes=1)
    assert drain_outbox()["sent"] == 0  # not due yet: the back-off holds

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMail.objects.update(next_attempt_at=timezone.now())  # the minute has passed
    assert drain_outbox()["sent"] == 1
    assert len(mail.outbox) == 1
    assert OutboxMail.objects.get().status == "sent"


def test_back_off_doubles_up_to_six_hours():
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert outbox.retry_delay(20) == timedelta(hours=6)


def test_permanent_smtp_error_marks_the_email_failed(settings):
    _queue(1)
    settings.EMAIL_BACKEND = "tests.notifications.backends.PermanentFailureBackend"
    assert drain_outbox()["failed"] == 1
    row = OutboxMail.objects.get()
    assert row.status == "failed" and "550" in row.last_error


def test_email_stuck_in_sending_for_ten_minutes_returns_to_the_queue():
    _queue(2)
    stuck = outbox.claim_next()  # a worker claimed it and died
    OutboxMail.objects.filter(pk=stuck.pk).update(
        sending_since=timezone.now() - timedelta(minutes=11)
    )
    fresh = outbox.claim_next()  # another worker is sending this one right now
    assert drain_outbox()["sent"] == 1
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [
        f"<serawai-outbox-{stuck.pk}@127.0.0.1>"
    ]
    assert OutboxMail.objects.get(pk=fresh.pk).status == "sending"
