"""`manage.py backup` and `restore`: database and media in one archive, and back."""

import datetime
import io
import tarfile

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.management import CommandError, call_command

from cycles.models import Cycle
from organization.models import Employee, RoleAssignment
from tests.factories import PASSWORD, EmployeeFactory, give_role, province

Role = RoleAssignment.Role
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_database_and_media(tmp_path):
    ani = EmployeeFactory(full_name="Ani Lestari, S.ST.", email="ani@bps.go.id")
    give_role(ani, Role.CAN_COORDINATOR)
    cycle = Cycle.objects.create(
        province=province(), year=2026, start_date=datetime.date(2026, 1, 5), themes_to_select=4
    )
    photos = settings.MEDIA_ROOT / "photos" / "2026"
    photos.mkdir(parents=True)
    (photos / "kegiatan.png").write_bytes(PHOTO)
    audit_entries = LogEntry.objects.count()
    assert audit_entries >= 2  # the role and the cycle were audited

    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert "1 media files" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.json", "media/photos/2026/kegiatan.png"} <= set(names)

    # Things go wrong after the backup: data deleted and added, files lost and added.
    Cycle.objects.all().delete()
    RoleAssignment.objects.all().delete()
    EmployeeFactory(full_name="Dibuat Sesudah Cadangan")
    (photos / "kegiatan.png").unlink()
    (settings.MEDIA_ROOT / "sampah.txt").write_text("tidak ada di cadangan")

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    restored = Cycle.objects.get()
    assert (restored.pk, restored.year, restored.themes_to_select) == (cycle.pk, 2026, 4)
    role = RoleAssignment.objects.get()
    assert (role.employee.full_name, role.role) == ("Ani Lestari, S.ST.", Role.CAN_COORDINATOR)
    assert not Employee.objects.filter(full_name="Dibuat Sesudah Cadangan").exists()
    assert Employee.objects.get(email="ani@bps.go.id").check_password(PASSWORD)
    assert (photos / "kegiatan.png").read_bytes() == PHOTO
    assert not (settings.MEDIA_ROOT / "sampah.txt").exists()
    # The audit trail came back as it was, and loading it added no entries of its own.
    assert LogEntry.objects.count() == audit_entries
    assert LogEntry.objects.get_for_object(restored).exists()
    # New rows get fresh ids after the restore.
    assert EmployeeFactory().pk > ani.pk


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path):
    EmployeeFactory(full_name="Tetap Ada")
    bogus = tmp_path / "bukan.tar.gz"
    bogus.write_bytes(b"this is not a tar file")
    with pytest.raises(CommandError, match="not a Serawai backup"):
        call_command("restore", str(bogus), interactive=False)

    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        for name, data in (
            (
                "manifest.json",
                b'{"format_version": 1, "database_format": "json",'
                b' "database_file": "database.json", "created_at": "x"}',
            ),
            ("database.json", b"[]"),
            ("../../escaped.txt", b"outside"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="cannot be unpacked safely"):
        call_command("restore", str(evil), interactive=False)
    assert Employee.objects.filter(full_name="Tetap Ada").exists()
