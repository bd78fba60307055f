"""Personal calendar addresses (create, regenerate, revoke) and the versions of feed entries."""

import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import CalendarEntryState, CalendarFeed


def new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def regenerate_feed(employee) -> CalendarFeed:
    """A new private address for the person's calendar; the previous one stops working."""
    feed = CalendarFeed.objects.select_for_update().filter(employee=employee).first()
    if feed is None:
        return CalendarFeed.objects.create(employee=employee, token=new_token())
    feed.token, feed.created_at = new_token(), timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


@transaction.atomic
def revoke_feed(employee) -> bool:
    """The person's address answers 404 from now on. Returns whether there was one."""
    deleted, _rows = CalendarFeed.objects.filter(employee=employee).delete()
    return bool(deleted)


@transaction.atomic
def record_versions(entries) -> dict:
    """{uid: CalendarEntryState} for `entries`: a new entry starts at SEQUENCE 0; an entry whose
    content changed since a feed last showed it gets the next SEQUENCE and a new modification
    time (compare-and-set on the old fingerprint, so two feeds at once count one change once)."""
    if not entries:
        return {}
    now = timezone.now()
    uids = [e.uid for e in entries]
    known = {s.uid: s for s in CalendarEntryState.objects.filter(uid__in=uids)}
    fresh = [
        CalendarEntryState(uid=e.uid, fingerprint=e.fingerprint, created_at=now, modified_at=now)
        for e in entries
        if e.uid not in known
    ]
    if fresh:
        CalendarEntryState.objects.bulk_create(fresh, ignore_conflicts=True)
    changed = [e for e in entries if e.uid in known and known[e.uid].fingerprint != e.fingerprint]
    for entry in changed:
        CalendarEntryState.objects.filter(
            uid=entry.uid, fingerprint=known[entry.uid].fingerprint
        ).update(fingerprint=entry.fingerprint, sequence=F("sequence") + 1, modified_at=now)
    if fresh or changed:
        known = {s.uid: s for s in CalendarEntryState.objects.filter(uid__in=uids)}
    return known
