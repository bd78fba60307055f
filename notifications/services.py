"""Writes of the notifications app: notify(), reading and e-mail preferences.

Every SOP stage tells people through `notify()`. It records in-app notifications and queues their
e-mails in the outbox inside the caller's transaction, and only after that transaction commits
asks Celery to drain the outbox; a change that rolls back leaves no message behind, and a broker
that is down loses nothing (the outbox is drained again every minute and when a worker starts).
"""

import uuid
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.queue import wake

from . import kinds
from .emails import subject_for
from .models import EmailPreference, Notification, OutboxMail


def _employees(recipients) -> list:
    Employee = get_user_model()
    if isinstance(recipients, Employee):
        recipients = [recipients]
    if isinstance(recipients, QuerySet):
        people = list(recipients.filter(is_active=True))
    else:
        people = [p for p in recipients if p is not None and p.is_active]
    unique = {}
    for person in people:
        unique.setdefault(person.pk, person)
    return list(unique.values())


def notify(
    recipients: Iterable, *, kind: str, title: str, body: str = "", url: str = "", key=None
) -> int:
    """Tell people about something (any SOP step): in the bell now, by e-mail after commit.

    `key` makes the message exactly-once per recipient (the database refuses a second row with the
    same recipient and key, so a re-run, a second worker or a retried task creates nothing new).
    E-mails go to recipients with an address who did not mute `kind`. Returns how many
    notifications were newly created.
    """
    if kind not in kinds.LABELS:
        raise ValueError(f"unknown notification kind {kind!r}")
    people = _employees(recipients)
    if not people:
        return 0
    batch = uuid.uuid4().hex
    now = timezone.now()
    title, body = str(title)[:200], str(body)
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=person,
                    kind=kind,
                    title=title,
                    body=body,
                    url=url or "",
                    key=key,
                    batch=batch,
                    created_at=now,
                )
                for person in people
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        # Rows skipped as duplicates keep the batch of the call that created them. The rows this
        # call wrote, whatever their recipient's province (a recipient may work elsewhere, or
        # have no office): the batch id names exactly them, so reading them unscoped shows
        # nothing of another province.
        created = list(
            Notification.objects.with_scopes_disabled()
            .filter(batch=batch)
            .select_related("recipient")
        )
        muted = set(
            EmailPreference.objects.filter(kind=kind, muted=True).values_list(
                "employee_id", flat=True
            )
        )
        mails = [
            _outbox_mail(n) for n in created if n.recipient.email and n.recipient_id not in muted
        ]
        OutboxMail.objects.bulk_create(mails, batch_size=500)
        if mails:
            _kick_after_commit()
    return len(created)


def _outbox_mail(notification: Notification) -> OutboxMail:
    """The e-mail row of a notification; its body is rendered by the worker when it sends."""
    return OutboxMail(
        notification=notification,
        recipient=notification.recipient,
        to_address=notification.recipient.email,
        subject=subject_for(notification),
        created_at=notification.created_at,
        next_attempt_at=notification.created_at,
    )


def _kick_after_commit() -> None:
    """One kick per transaction, however many notify() calls it makes."""
    pending = transaction.get_connection().run_on_commit
    if not any(entry[1] is kick_outbox for entry in pending):
        transaction.on_commit(kick_outbox)


def kick_outbox() -> None:
    """Ask a worker to drain the outbox now; never fails the caller when the broker is down (the
    mail is safe in the outbox and the periodic drain sends it)."""
    from .tasks import drain_outbox

    wake(drain_outbox, what="the e-mail outbox")


def send_test_message(*, by) -> int:
    """Any step: a person checks that Serawai's messages reach them (bell and e-mail)."""
    return notify(
        [by],
        kind=kinds.TEST_MESSAGE,
        title=_("Pesan uji Serawai"),
        body=_("Jika Anda membaca pesan ini, notifikasi dan e-mail Serawai sampai kepada Anda."),
        url=reverse("notifications:preferences"),
    )


@transaction.atomic
def mark_read(notification: Notification, *, by) -> None:
    """The recipient has seen one notification."""
    Notification.objects.filter(pk=notification.pk, recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def mark_all_read(*, by) -> int:
    """The recipient has seen every notification in the bell."""
    return Notification.objects.for_user(by).unread().update(read_at=timezone.now())


@transaction.atomic
def set_email_mutes(*, employee, muted_kinds: Iterable[str]) -> None:
    """A person's e-mail preferences: e-mail for the kinds in `muted_kinds` is not sent."""
    muted_kinds = {k for k in muted_kinds if k in kinds.MUTABLE}
    EmailPreference.objects.filter(employee=employee).exclude(kind__in=muted_kinds).delete()
    existing = set(EmailPreference.objects.filter(employee=employee).values_list("kind", flat=True))
    EmailPreference.objects.bulk_create(
        [EmailPreference(employee=employee, kind=k, muted=True) for k in muted_kinds - existing]
    )
    EmailPreference.objects.filter(employee=employee, muted=False).update(muted=True)
