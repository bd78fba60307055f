"""Employee import from .xlsx: all rows or none, with a row-by-row error report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organization.employee_import import COLUMNS
from organization.models import Employee
from tests.factories import EmployeeFactory

GOOD = [
    (
        "198609262015051001",
        "Ani Lestari, S.ST., M.Si.",
        "Statistisi Ahli Muda",
        "1701",
        "ani@bps.go.id",
    ),
    (
        "19900517 201403 2 002",
        "Budi Hartono, S.Tr.Stat.",
        "Pranata Komputer",
        "1771",
        "budi@bps.go.id",
    ),
    ("199203112016021003", "Citra Dewi, SE", "Statistisi Ahli Pertama", 1700, ""),
]


def xlsx(rows, name="pegawai.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def post(client, upload):
    return client.post(reverse("organization:employee_import"), {"file": upload}, follow=True)


def test_can_member_imports_every_row(client, can_member):
    client.force_login(can_member)
    page = post(client, xlsx(GOOD)).content.decode()
    assert "3 pegawai baru" in page
    ani = Employee.objects.get(nip="198609262015051001")
    assert (ani.full_name, ani.office.code, ani.email) == (
        "Ani Lestari, S.ST., M.Si.",
        "1701",
        "ani@bps.go.id",
    )
    assert Employee.objects.get(nip="199005172014032002").office.code == "1771"
    citra = Employee.objects.get(nip="199203112016021003")
    assert citra.office.code == "1700" and citra.email is None
    assert not citra.has_usable_password()


def test_importing_the_same_sheet_twice_changes_nothing(client, can_member):
    client.force_login(can_member)
    post(client, xlsx(GOOD))
    page = post(client, xlsx(GOOD)).content.decode()
    assert "0 pegawai baru, 0 diperbarui, 3 tidak berubah" in page
    assert Employee.objects.filter(nip__in=[g[0] for g in GOOD[:1]]).count() == 1


def test_one_bad_row_imports_nothing_and_names_the_row_and_reason(client, can_member):
    client.force_login(can_member)
    bad = [*GOOD[:2], ("198613452015051004", "Dodi", "Statistisi", "1702", "dodi@bps.go.id")]
    before = Employee.objects.count()
    response = post(client, xlsx(bad))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Berkas ditolak: 1 baris bermasalah" in page
    assert "<td>4</td>" in page  # header is row 1, the bad row is the 4th row of the sheet
    assert "8 angka pertama NIP harus tanggal lahir yang valid" in page
    assert Employee.objects.count() == before


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (("198609262015053001", "X", "", "1701", ""), "jenis kelamin"),
        (("19860926201505100", "X", "", "1701", ""), "18 angka"),
        (("198609262015051009", "", "", "1701", ""), "Nama lengkap kosong"),
        (("198609262015051009", "X", "", "9999", ""), "Kode kantor “9999” tidak dikenal"),
        (("198609262015051009", "X", "", "1701", "bukan-email"), "tidak valid"),
        (("198609262015051001", "Y", "", "1702", ""), "sudah ada di baris 2"),
        (("198609262015051009", "Y", "", "1702", "ani@bps.go.id"), "sudah ada di baris 2"),
        ((198609262015051009, "Y", "", "1702", ""), "format kolom NIP sebagai Teks"),
    ],
)
def test_each_kind_of_bad_row_is_reported(client, can_member, row, reason):
    client.force_login(can_member)
    page = post(client, xlsx([GOOD[0], row])).content.decode()
    assert "<td>3</td>" in page and reason in page
    assert not Employee.objects.filter(nip="198609262015051001").exists()


def test_email_of_another_employee_is_refused(client, can_member):
    EmployeeFactory(email="ani@bps.go.id")
    client.force_login(can_member)
    page = post(client, xlsx(GOOD)).content.decode()
    assert "E-mail ani@bps.go.id sudah dipakai pegawai lain." in page
    assert not Employee.objects.filter(nip="198609262015051001").exists()


def test_a_file_that_is_not_xlsx_is_refused(client, can_member):
    client.force_login(can_member)
    page = post(client, SimpleUploadedFile("pegawai.xlsx", b"not a workbook")).content.decode()
    assert "Berkas bukan lembar kerja .xlsx yang dapat dibaca." in page
    page = post(client, SimpleUploadedFile("pegawai.csv", b"a,b")).content.decode()
    assert "Unggah berkas Excel berekstensi .xlsx." in page


def test_existing_employee_is_updated(client, can_member):
    EmployeeFactory(nip="198609262015051001", full_name="Ani", position="Lama")
    client.force_login(can_member)
    page = post(client, xlsx(GOOD)).content.decode()
    assert "2 pegawai baru, 1 diperbarui" in page
    assert Employee.objects.get(nip="198609262015051001").position == "Statistisi Ahli Muda"


def test_employee_cannot_import(client, employee):
    client.force_login(employee)
    assert client.get(reverse("organization:employee_import")).status_code == 403
    response = client.post(reverse("organization:employee_import"), {"file": xlsx(GOOD)})
    assert response.status_code == 403
    assert not Employee.objects.filter(nip="198609262015051001").exists()


def test_template_sheet_reopens_with_the_columns(client, can_member):
    client.force_login(can_member)
    response = client.get(reverse("organization:employee_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet["A2"].value == "198609262015051001"


def _aceh_employee():
    from organization.models import Office

    aceh = Office.objects.create(
        code="1100",
        name="BPS Provinsi Aceh",
        short_name="Aceh",
        level=Office.Level.PROVINCE,
        parent=Office.objects.get(code="0000"),
    )
    return EmployeeFactory(
        nip="198001012005011001", full_name="Koordinator Aceh", office=aceh, email="aceh@bps.go.id"
    )


@pytest.mark.parametrize("home", ["aceh", "hq"])
def test_a_row_naming_an_employee_of_another_province_is_refused(client, can_member, home):
    """The NIP is someone's login: another province's (or BPS RI's) employee is not taken over."""
    if home == "aceh":
        other = _aceh_employee()
    else:
        from tests.factories import office

        other = EmployeeFactory(
            nip="198001012005011001", full_name="Pegawai Pusat", office=office("0000")
        )
    before = (other.full_name, other.office_id, other.email)
    client.force_login(can_member)
    takeover = ("198001012005011001", "Nama Baru", "Statistisi", "1700", "baru@bps.go.id")
    page = post(client, xlsx([GOOD[0], takeover])).content.decode()
    assert "Berkas ditolak: 1 baris bermasalah" in page
    assert "<td>3</td>" in page and "NIP 198001012005011001 milik pegawai di luar provinsi" in page
    other.refresh_from_db()
    assert (other.full_name, other.office_id, other.email) == before
    assert not Employee.objects.filter(nip=GOOD[0][0]).exists()  # all or nothing


def test_only_employees_of_the_importers_province_are_updated(client, can_member):
    EmployeeFactory(nip=GOOD[0][0], full_name="Ani", office=None)
    client.force_login(can_member)
    page = post(client, xlsx(GOOD[:1])).content.decode()
    # Someone without an office belongs to no province yet: not the importer's to claim.
    assert "milik pegawai di luar provinsi" in page
    Employee.objects.filter(nip=GOOD[0][0]).update(office=can_member.office)
    page = post(client, xlsx(GOOD[:1])).content.decode()
    assert "0 pegawai baru, 1 diperbarui" in page
