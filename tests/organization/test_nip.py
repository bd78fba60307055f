import pytest
from django.core.exceptions import ValidationError

from organization.nip import format_nip, normalize_nip, validate_nip


@pytest.mark.parametrize(
    "nip",
    ["198609262015051001", "19860926 201505 1 001", "197001012000012999"],
)
def test_valid_nip_is_accepted(nip):
    validate_nip(nip)


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19860926201505100", "nip_length"),  # 17 digits
        ("1986092620150510011", "nip_length"),  # 19 digits
        ("19860926201505100A", "nip_length"),
        ("198602302015051001", "nip_birth_date"),  # 30 February
        ("198613012015051001", "nip_birth_date"),  # month 13
        ("198609262015131001", "nip_appointment"),  # appointment month 13
        ("198609261980051001", "nip_appointment_order"),  # appointed before birth
        ("198609262015053001", "nip_gender"),  # gender digit 3
    ],
)
def test_invalid_nip_is_refused_with_its_reason(nip, code):
    with pytest.raises(ValidationError) as error:
        validate_nip(nip)
    assert error.value.code == code


def test_nip_is_written_in_its_four_groups():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
    assert normalize_nip("19860926 201505 1 001") == "198609262015051001"
