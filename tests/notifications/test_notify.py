"""notify(): in-app now, e-mail queued in the same transaction and sent only after commit."""

import pytest
from django.core import mail
from django.db import transaction

from notifications import kinds
from notifications.models import Notification, OutboxMail
from notifications.services import notify, set_email_mutes
from notifications.tasks import drain_outbox
from organization.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_notify_with_a_key_twice_creates_one_notification_and_one_email(employee):
    args = dict(kind=kinds.STEP_REMINDER, title="Langkah 3 jatuh tempo", key="step:x:1:reminder")
    assert notify([employee], **args) == 1
    assert notify([employee], **args) == 0
    assert Notification.objects.filter(recipient=employee).count() == 1
    assert OutboxMail.objects.filter(to_address=employee.email).count() == 1


def test_notify_counts_only_the_people_newly_told(employee):
    others = EmployeeFactory.create_batch(3)
    key = "letter:7:published"
    assert notify([employee], kind=kinds.LETTER_PUBLISHED, title="Surat terbit", key=key) == 1
    everyone = Employee.objects.all()
    assert notify(everyone, kind=kinds.LETTER_PUBLISHED, title="Surat terbit", key=key) == 3
    assert Notification.objects.filter(key=key).count() == 4
    assert OutboxMail.objects.count() == 4
    told = set(Notification.objects.filter(key=key).values_list("recipient_id", flat=True))
    assert told == {p.pk for p in [employee, *others]}


def test_notify_without_key_creates_a_new_message_each_time(employee):
    notify(employee, kind=kinds.VOTE_OPENED, title="Voting dibuka")
    notify(employee, kind=kinds.VOTE_OPENED, title="Voting dibuka")
    assert Notification.objects.filter(recipient=employee).count() == 2


def test_muted_kind_gets_the_in_app_notification_but_no_email(employee):
    set_email_mutes(employee=employee, muted_kinds=[kinds.VOTE_CLOSING])
    notify([employee], kind=kinds.VOTE_CLOSING, title="Voting ditutup besok", key="v1")
    notify([employee], kind=kinds.VOTE_OPENED, title="Voting dibuka", key="v2")
    assert Notification.objects.filter(recipient=employee).count() == 2
    assert list(OutboxMail.objects.values_list("subject", flat=True)) == ["[Serawai] Voting dibuka"]


def test_employee_without_email_is_told_in_the_bell_only():
    person = EmployeeFactory(email=None)
    assert notify([person], kind=kinds.EVENT_INVITATION, title="Undangan") == 1
    assert not OutboxMail.objects.exists()


def test_inactive_employee_is_not_told():
    person = EmployeeFactory(is_active=False)
    assert notify([person], kind=kinds.EVENT_INVITATION, title="Undangan") == 0


def test_unknown_kind_is_refused(employee):
    with pytest.raises(ValueError):
        notify([employee], kind="no_such_kind", title="x")


def test_email_is_indonesian_html_and_text_with_an_absolute_action_link(employee, settings):
    settings.SITE_URL = "https://serawai.bps.go.id"
    notify(
        [employee],
        kind=kinds.REPORT_RETURNED,
        title="Laporan kegiatan dikembalikan",
        body="Lengkapi daftar hadir.",
        url="/reports/5/",
    )
    drain_outbox()
    (message,) = mail.outbox
    html = message.alternatives[0].content
    assert message.subject == "[Serawai] Laporan kegiatan dikembalikan"
    assert "Yth. Budi Santoso, S.ST.," in message.body
    assert "https://serawai.bps.go.id/reports/5/" in message.body
    assert "Lengkapi daftar hadir." in message.body
    assert 'href="https://serawai.bps.go.id/reports/5/"' in html
    assert "Buka di Serawai" in html
    assert "https://serawai.bps.go.id/notifications/preferences/" in message.body
    assert OutboxMail.objects.get().text == message.body  # kept: the admin shows what was sent


def test_email_goes_out_only_after_the_transaction_commits(
    employee, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify([employee], kind=kinds.VOTE_OPENED, title="Voting dibuka", url="/voting/1/")
            assert mail.outbox == []  # still inside the transaction: nothing sent
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[employee.email]]
    assert OutboxMail.objects.get().status == OutboxMail.Status.SENT


def test_rolled_back_change_queues_nothing_and_sends_no_task(
    employee, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([employee], kind=kinds.LETTER_PUBLISHED, title="Surat terbit", key="l1")
            raise RuntimeError("the letter could not be stored")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not OutboxMail.objects.exists()
    assert mail.outbox == []


def test_many_notify_calls_in_one_transaction_ask_the_worker_once(
    employee, can_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        notify([employee], kind=kinds.VOTE_OPENED, title="Voting dibuka")
        notify([can_member], kind=kinds.VOTE_OPENED, title="Voting dibuka")
    assert len(callbacks) == 1
    assert OutboxMail.objects.count() == 2
