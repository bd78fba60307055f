"""The bell's unread count, kept in the shared cache until one of the person's notifications
changes (serawai.caching: created by `notify`, read through the services, or saved elsewhere)."""

from django.db.models.signals import post_delete, post_save

from serawai import caching

from .models import Notification


def _topic(employee_id) -> str:
    return caching.person_topic(employee_id)  # the person's own: renewed by their writes too


def unread_count(user) -> int:
    return caching.cached(
        _topic(user.pk),
        f"bell:{user.pk}",
        lambda: Notification.objects.for_user(user).unread().count(),
    )


def bell_changed(recipient_ids) -> None:
    caching.changed(*{_topic(pk) for pk in recipient_ids})


def _saved_or_deleted(sender, instance, **kwargs):
    bell_changed([instance.recipient_id])


def connect() -> None:
    """Saves outside the services (admin, tests' factories) renew the count too."""
    post_save.connect(_saved_or_deleted, sender=Notification, dispatch_uid="bell-save")
    post_delete.connect(_saved_or_deleted, sender=Notification, dispatch_uid="bell-delete")
