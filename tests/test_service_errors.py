"""Every refusal a service gives is a common ServiceError whose message is shown as is."""

import pytest

from audit.backup import BackupError
from common.errors import ServiceError
from cycles.planning import PlanningError
from cycles.services.concept import ConceptError
from documents.certificates import CertificateError
from documents.letters import LetterError
from evaluations.services.errors import EvaluationError
from events.services.errors import EventError
from organization.employee_import import EmployeeImportError
from organization.office_import import OfficeImportError
from reports.services.report import ReportError
from voting.services.ballots import BallotError, VoteError
from voting.services.proposals import ProposalError
from voting.services.results import SelectionError

REFUSALS = [
    BackupError,
    ConceptError,
    PlanningError,
    CertificateError,
    LetterError,
    EvaluationError,
    EventError,
    ReportError,
    VoteError,
    BallotError,
    ProposalError,
]


@pytest.mark.parametrize("error", REFUSALS, ids=lambda e: e.__name__)
def test_a_refusal_carries_its_message_for_the_person(error):
    refused = error("Pemungutan suara sudah ditutup.")
    assert isinstance(refused, ServiceError)
    assert refused.message == str(refused) == "Pemungutan suara sudah ditutup."


def test_the_sheet_imports_refuse_with_one_error_listing_every_row():
    assert OfficeImportError is EmployeeImportError
    refused = EmployeeImportError([(2, "NIP kosong"), (5, "e-mail tidak sah")])
    assert isinstance(refused, ServiceError)
    assert refused.errors == [(2, "NIP kosong"), (5, "e-mail tidak sah")]
    assert refused.message == "baris 2: NIP kosong; baris 5: e-mail tidak sah"


def test_per_field_refusals_are_service_errors_too():
    refused = SelectionError({7: {"event_date": "Isi tanggal kegiatan."}})
    assert isinstance(refused, ServiceError)
    assert refused.errors == {7: {"event_date": "Isi tanggal kegiatan."}}
