"""Offices of other provinces come from a spreadsheet: all rows or none (DESIGN.md, "Scale")."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from organization.bps_offices import PROVINCES, national_rows
from organization.models import Office
from organization.office_import import OfficeImportError, import_offices, read_offices_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["kode", "nama", "tingkat", "kode induk", "kota"]


def sheet(rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_a_province_and_its_offices_are_imported_from_a_spreadsheet():
    data = sheet(
        [
            ["1100", "Badan Pusat Statistik Provinsi Aceh", "provinsi", "0000", "Banda Aceh"],
            ["1101", "Badan Pusat Statistik Kabupaten Simeulue", "kabupaten", "1100", "Sinabang"],
            ["1171", "Badan Pusat Statistik Kota Banda Aceh", "kota", 1100, ""],
        ]
    )
    result = import_offices(read_offices_xlsx(data))
    assert (result.created, result.updated) == (3, 0)
    simeulue = Office.objects.get(code="1101")
    assert simeulue.parent.code == "1100"
    assert simeulue.level == Office.Level.REGENCY
    assert simeulue.short_name == "BPS Kab. Simeulue"
    assert Office.objects.get(code="1100").parent.code == "0000"
    assert Office.objects.get(code="1171").short_name == "BPS Kota Banda Aceh"


def test_a_sheet_with_one_bad_row_imports_nothing_and_names_the_row():
    before = Office.objects.count()
    data = sheet(
        [
            ["1100", "Badan Pusat Statistik Provinsi Aceh", "provinsi", "0000"],
            ["1101", "Badan Pusat Statistik Kabupaten Simeulue", "kabupaten", "1100"],
            ["1201", "Badan Pusat Statistik Kabupaten Nias", "kabupaten", "1200"],
            ["12X", "Kantor tanpa kode", "kabupaten", "1100"],
        ]
    )
    with pytest.raises(OfficeImportError) as refused:
        import_offices(read_offices_xlsx(data))
    rows = dict(refused.value.errors)
    assert "1200" in rows[4] and "tidak ditemukan" in rows[4]
    assert "4 angka" in rows[5]
    assert 2 not in rows and 3 not in rows
    assert Office.objects.count() == before


def test_a_regency_cannot_hang_under_another_regency():
    with pytest.raises(OfficeImportError) as refused:
        import_offices(read_offices_xlsx(sheet([["1799", "BPS Kabupaten X", "kab/kota", "1701"]])))
    assert "tingkat" in refused.value.errors[0][1]
    assert not Office.objects.filter(code="1799").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_clearly():
    with pytest.raises(OfficeImportError) as refused:
        read_offices_xlsx(io.BytesIO(b"code,name\n1100,Aceh\n"))
    assert ".xlsx" in str(refused.value)


def test_the_national_list_has_38_provinces_and_514_regencies():
    rows = national_rows()
    assert len(PROVINCES) == 38
    assert sum(r.level == "province" for r in rows) == 38
    assert sum(r.level == "regency" for r in rows) == 514
    assert len({r.code for r in rows}) == len(rows)
    assert {"1100", "1700", "3100", "9400", "9200", "9500", "9600", "9700"} <= {
        r.code for r in rows
    }


def test_import_offices_command_loads_all_of_bps_and_twice_changes_nothing(capsys):
    call_command("import_offices", "--national")
    assert Office.objects.provinces().count() == 38
    assert Office.objects.regencies().count() == 514
    assert Office.objects.get(code="1771").name == "Badan Pusat Statistik Kota Bengkulu"
    assert Office.objects.get(code="1700").parent.code == "0000"
    call_command("import_offices", "--national")
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert Office.objects.count() == 553


def test_import_offices_command_reports_the_bad_rows(tmp_path):
    path = tmp_path / "kantor.xlsx"
    path.write_bytes(sheet([["1101", "BPS Kabupaten Simeulue", "kecamatan", "1100"]]).read())
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_offices", str(path))
    assert not Office.objects.filter(code="1101").exists()


def test_an_import_for_one_province_touches_only_its_own_regencies():
    from tests.factories import office

    bengkulu = office("1700")
    Office.objects.create(
        code="1100",
        name="BPS Provinsi Aceh",
        short_name="Aceh",
        level=Office.Level.PROVINCE,
        parent=office("0000"),
    )
    rows = [
        ["1799", "Badan Pusat Statistik Kabupaten Baru", "kabupaten", "1700"],
        ["1101", "Badan Pusat Statistik Kabupaten Simeulue", "kabupaten", "1100"],
        ["1100", "BPS Provinsi Aceh (diganti)", "provinsi", "0000"],
        ["1701", "Badan Pusat Statistik Kabupaten Bengkulu Selatan", "kabupaten", "1100"],
        ["1700", "Badan Pusat Statistik Provinsi Bengkulu", "provinsi", "1100"],
    ]
    with pytest.raises(OfficeImportError) as refused:
        import_offices(read_offices_xlsx(sheet(rows)), province=bengkulu)
    reasons = dict(refused.value.errors)
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "di luar provinsi" in reasons[3] and "di luar provinsi" in reasons[4]
    assert "di luar provinsi" in reasons[5]
    assert "tidak dapat diubah" in reasons[6]
    assert not Office.objects.filter(code__in=["1799", "1101"]).exists()
    assert Office.objects.get(code="1100").name == "BPS Provinsi Aceh"
    assert Office.objects.get(code="1701").parent == bengkulu

    result = import_offices(read_offices_xlsx(sheet(rows[:1])), province=bengkulu)
    assert result.created == 1 and Office.objects.get(code="1799").parent == bengkulu


def test_import_offices_command_limited_to_a_province(tmp_path):
    path = tmp_path / "kantor.xlsx"
    path.write_bytes(sheet([["1101", "BPS Kabupaten Simeulue", "kabupaten", "1100"]]).read())
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_offices", str(path), "--province", "1700")
    assert not Office.objects.filter(code="1101").exists()
