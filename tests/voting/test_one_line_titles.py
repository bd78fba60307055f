"""A theme's title is one line: it becomes the event's name, e-mail subjects and file names."""

import pytest
from django.core import mail
from django.urls import reverse

from documents.rendering import pdf_response
from documents.spreadsheets import Sheet, xlsx_response
from notifications import kinds
from notifications.models import OutboxMail
from notifications.services import notify
from notifications.tasks import drain_outbox
from tests.factories import EmployeeFactory
from tests.voting.test_proposals import login, proposal_data
from voting.models import ThemeProposal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("br", ["\n", "\r\n", "\r", "\u2028"])
def test_a_title_with_a_line_break_is_refused_and_what_was_typed_stays(client, cycle, ca_1701, br):
    login(client, ca_1701)
    data = proposal_data(f"Pemanfaatan Big Data{br}Bcc: semua@contoh.example")

    response = client.post(reverse("voting:proposal_create"), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Isian ini harus satu baris" in page
    assert "Cara memakai data daring untuk indeks harga." in page  # the abstract as typed
    assert "Dr. Rudi Hartono; Universitas Bengkulu" in page
    assert not ThemeProposal.objects.exists()


def test_an_e_mail_about_a_title_that_slipped_through_is_still_sent_on_one_line():
    person = EmployeeFactory()
    notify(
        [person],
        kind=kinds.EVALUATION_OPEN,
        title="Evaluasi narasumber: Big Data\r\nBcc: semua@contoh.example",
        url="/e/1/",
    )

    assert drain_outbox() == {"sent": 1, "retried": 0, "failed": 0}

    (message,) = mail.outbox
    assert message.subject == "[Serawai] Evaluasi narasumber: Big Data Bcc: semua@contoh.example"
    assert message.to == [person.email] and not message.bcc
    assert OutboxMail.objects.get().status == "sent"


def test_download_names_built_from_user_text_are_one_safe_line():
    pdf = pdf_response(b"%PDF-1.7", 'rekap-"Big\r\nData"/../x.pdf', inline=False)
    xlsx = xlsx_response("daftar\nhadir:1", [Sheet("A", ["x"], [[1]])])

    assert pdf["Content-Disposition"] == 'attachment; filename="rekap--Big Data--..-x.pdf"'
    assert xlsx["Content-Disposition"] == 'attachment; filename="daftar hadir-1.xlsx"'
