"""A letter's letterhead comes from the sending office's own record, and its copies (Tembusan)
go to the head of the province wherever Tata Naskah Dinas expects them."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from documents.letters import issue_letter
from organization.admin import OfficeForm
from organization.models import Office
from tests.factories import EmployeeFactory, office

pytestmark = pytest.mark.django_db

HEAD = "Kepala Badan Pusat Statistik Provinsi Bengkulu"


def text_of(letter) -> str:
    with letter.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def images_of(letter) -> list[tuple[int, int]]:
    with letter.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    sizes = []
    for page in reader.pages:
        for image in page.images:
            sizes.append(image.image.size)
    return sizes


def _png(width=300, height=200) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (11, 79, 138, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_letterhead_shows_what_the_admin_recorded_for_the_office(letter_kwargs):
    curup = office("1702")
    form = OfficeForm(
        {
            **{f: getattr(curup, f) for f in ("code", "name", "short_name", "level", "city")},
            "parent": curup.parent_id,
            "address": "Jl. Basuki Rahmat No. 10, Curup 39112",
            "phone": "(0732) 21234",
            "email": "bps1702@bps.go.id",
            "website": "https://rejanglebongkab.bps.go.id",
        },
        {"logo": SimpleUploadedFile("logo.png", _png(), content_type="image/png")},
        instance=curup,
    )
    assert form.is_valid(), form.errors
    form.save()

    letter = issue_letter(**{**letter_kwargs, "office": Office.objects.get(code="1702")})

    text = text_of(letter)
    assert "KABUPATEN REJANG LEBONG" in text
    assert "Jl. Basuki Rahmat No. 10, Curup 39112" in text
    assert "Telepon (0732) 21234" in text
    assert "E-mail: bps1702@bps.go.id" in text
    assert "https://rejanglebongkab.bps.go.id" in text
    assert (300, 200) in images_of(letter)  # the uploaded logo, re-encoded, heads the letter


def test_a_logo_that_is_not_an_image_is_refused_with_a_message():
    curup = office("1702")
    data = {f: getattr(curup, f) for f in ("code", "name", "short_name", "level", "city")}
    form = OfficeForm(
        {**data, "parent": curup.parent_id},
        {"logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")},
        instance=curup,
    )
    assert not form.is_valid()
    assert "logo" in form.errors


def test_without_a_street_address_the_place_comes_from_the_records(letter_kwargs):
    province = office("1700")
    Office.objects.filter(pk=province.pk).update(name="Badan Pusat Statistik Provinsi Uji")

    letter = issue_letter(**{**letter_kwargs, "office": Office.objects.get(code="1702")})

    text = text_of(letter)
    assert "Curup, Provinsi Uji" in text
    letterhead = text.split("Nomor")[0]
    assert "Bengkulu" not in letterhead.replace("REJANG LEBONG", "")


def test_a_regency_letter_is_copied_to_the_head_of_the_province(letter_kwargs):
    head_1701 = EmployeeFactory(
        full_name="Drs. Kepala Satu, M.Si.",
        position="Kepala BPS Kabupaten Bengkulu Selatan",
        office=office("1701"),
    )
    letter = issue_letter(
        **{
            **letter_kwargs,
            "office": office("1701"),
            "addressees": ["Seluruh Pegawai BPS Provinsi Bengkulu"],
            "signatory": head_1701,
            "copies_to": [],
        }
    )

    assert letter.copies_to == [HEAD]
    text = text_of(letter)
    assert f"Tembusan: 1. {HEAD}" in text or f"Tembusan: {HEAD}" in text


def test_the_heads_own_letters_and_letters_to_him_carry_no_copy_to_him(letter_kwargs):
    signed = issue_letter(**{**letter_kwargs, "copies_to": []})
    assert signed.copies_to == []

    head_1701 = EmployeeFactory(position="Kepala BPS Kabupaten Bengkulu Selatan")
    to_him = issue_letter(
        **{
            **letter_kwargs,
            "office": office("1701"),
            "addressees": ["Kepala BPS Provinsi Bengkulu"],
            "signatory": head_1701,
            "copies_to": [],
        }
    )
    assert to_him.copies_to == []


def test_a_long_table_in_a_letter_keeps_each_row_on_one_page(letter_kwargs):
    from .pdftext import page_texts

    rows = [
        [
            n,
            f"Tema usulan nomor {n} tentang pemanfaatan data administrasi untuk statistik "
            + "sektoral yang uraiannya panjang sehingga terlipat ke beberapa baris " * (1 + n % 4)
            + f"akhir-{n}",
            "BPS Kabupaten Rejang Lebong",
        ]
        for n in range(1, 41)
    ]
    letter = issue_letter(
        **{
            **letter_kwargs,
            "attachment_templates": ["documents/letters/attachment_table.html"],
            "context": {
                **letter_kwargs["context"],
                "attachment_title": "Daftar Usulan Tema",
                "attachment_headers": ["No", "Tema", "Pengusul"],
                "attachment_rows": rows,
            },
        }
    )
    with letter.file.open("rb") as handle:
        pages = page_texts(handle.read())

    assert len(pages) >= 3
    for n in range(1, 41):
        # The row's first words and its last word on the same page: never cut in two.
        holding = [p for p in pages if re.search(rf"akhir-{n}\b", p)]
        assert len(holding) == 1 and f"Tema usulan nomor {n} " in holding[0], n
    for page in pages[2:]:
        assert "Pengusul" in page  # the header row repeats on every page of the table
