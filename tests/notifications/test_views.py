"""The bell, the list, mark as read and e-mail preferences, as the signed-in person sees them."""

import pytest
from django.urls import reverse

from notifications import kinds
from notifications.models import EmailPreference, Notification, OutboxMail
from notifications.services import notify
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _tell(person, n=1, **kw):
    for i in range(n):
        notify(
            [person],
            kind=kw.get("kind", kinds.STEP_REMINDER),
            title=kw.get("title", f"Pengingat {i + 1}"),
            url=kw.get("url", "/"),
        )


def test_bell_shows_the_unread_count_on_every_page(client, employee):
    _tell(employee, 3)
    Notification.objects.filter(title="Pengingat 1").update(read_at="2026-11-24T08:00+07:00")
    client.force_login(employee)
    page = client.get(reverse("cycles:home")).content.decode()
    assert 'data-unread="2"' in page
    assert reverse("notifications:list") in page
    assert 'hx-trigger="every 60s"' in page


def test_bell_partial_refreshes_the_count(client, employee):
    client.force_login(employee)
    assert "data-unread" not in client.get(reverse("notifications:bell")).content.decode()
    _tell(employee, 1)
    assert 'data-unread="1"' in client.get(reverse("notifications:bell")).content.decode()


def test_list_shows_newest_first_with_unread_marked_and_pages(
    client, employee, django_assert_max_num_queries
):
    _tell(employee, 30)
    client.force_login(employee)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:list"))
    page = response.content.decode()
    assert page.index("Pengingat 30") < page.index("Pengingat 29")
    assert "Pengingat 5<" not in page  # on page 2 (25 a page)
    assert page.count("notification-unread") == 25
    assert "Halaman 1 dari 2" in page
    page2 = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Pengingat 5<" in page2


def test_list_query_count_does_not_grow_with_the_number_of_notifications(
    client, employee, django_assert_max_num_queries
):
    _tell(employee, 120)
    client.force_login(employee)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_opening_a_notification_marks_it_read_and_goes_to_the_action_page(client, employee):
    _tell(employee, 1, url="/voting/3/")
    note = Notification.objects.get()
    client.force_login(employee)
    response = client.post(reverse("notifications:mark_read", args=[note.pk]), {"open": "1"})
    assert response.status_code == 302 and response.url == "/voting/3/"
    note.refresh_from_db()
    assert note.is_read
    assert "data-unread" not in client.get(reverse("notifications:bell")).content.decode()


def _try_mark_read(send) -> tuple[int, bool]:
    """Ask to mark the one notification read (GET or POST); the answer's status and whether
    the notification is read afterwards."""
    note = Notification.objects.get()
    status = send(reverse("notifications:mark_read", args=[note.pk])).status_code
    note.refresh_from_db()
    return status, note.is_read


def test_mark_read_needs_post(client, employee):
    _tell(employee, 1)
    client.force_login(employee)
    assert _try_mark_read(client.get) == (405, False)


def test_someone_elses_notification_answers_404(client, employee):
    other = EmployeeFactory()
    _tell(other, 1)
    client.force_login(employee)
    assert _try_mark_read(client.post) == (404, False)


def test_an_outside_link_is_not_followed(client, employee):
    _tell(employee, 1, url="https://evil.example/")
    client.force_login(employee)
    note = Notification.objects.get()
    response = client.post(reverse("notifications:mark_read", args=[note.pk]), {"open": "1"})
    assert response.url == reverse("notifications:list")


def test_mark_all_as_read(client, employee):
    _tell(employee, 4)
    other = EmployeeFactory()
    _tell(other, 1)
    client.force_login(employee)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "4 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert not Notification.objects.for_user(employee).unread().exists()
    assert Notification.objects.for_user(other).unread().count() == 1


def test_muting_a_kind_on_the_preferences_page_stops_its_email(client, employee):
    client.force_login(employee)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Pengingat batas waktu langkah" in page and employee.email in page
    wanted = [k for k in kinds.MUTABLE if k != kinds.STEP_REMINDER]
    response = client.post(reverse("notifications:preferences"), {"email_kinds": wanted})
    assert response.status_code == 302
    assert list(EmailPreference.objects.values_list("kind", flat=True)) == [kinds.STEP_REMINDER]
    _tell(employee, 1)
    _tell(employee, 1, kind=kinds.VOTE_OPENED, title="Voting dibuka")
    assert Notification.objects.count() == 2
    assert list(OutboxMail.objects.values_list("subject", flat=True)) == ["[Serawai] Voting dibuka"]
    # Unmuting again.
    client.post(reverse("notifications:preferences"), {"email_kinds": kinds.MUTABLE})
    assert not EmailPreference.objects.exists()


def test_pages_need_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "login" in response.url


def test_test_message_reaches_the_bell_and_the_outbox(client, employee):
    client.force_login(employee)
    response = client.post(reverse("notifications:send_test"), follow=True)
    assert "Pesan uji dikirim" in response.content.decode()
    assert Notification.objects.get(recipient=employee).title == "Pesan uji Serawai"
    assert OutboxMail.objects.get().to_address == employee.email
