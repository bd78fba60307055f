import datetime
import io

from openpyxl import load_workbook

from documents.spreadsheets import Sheet, build_workbook, xlsx_response


def test_workbook_reopens_with_bold_frozen_header_and_real_dates():
    data = build_workbook(
        [
            Sheet(
                "Daftar Hadir",
                ["No", "Nama", "Tanggal hadir", "Nilai"],
                [
                    [1, "Budi Santoso, S.ST.", datetime.date(2025, 3, 12), 4.5],
                    [2, "Dr. Ani Lestari, M.Si.", datetime.date(2025, 3, 13), None],
                ],
            ),
            Sheet("Rekap", ["Tema", "Suara"], [["Big Data", 17]], widths=[40, 8]),
        ]
    )

    book = load_workbook(io.BytesIO(data))
    sheet = book["Daftar Hadir"]
    assert [c.value for c in sheet[1]] == ["No", "Nama", "Tanggal hadir", "Nilai"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].value == "Budi Santoso, S.ST."
    assert sheet["C3"].value == datetime.datetime(2025, 3, 13)
    assert sheet["C3"].is_date
    assert sheet.max_row == 3
    assert sheet.column_dimensions["B"].width >= len("Dr. Ani Lestari, M.Si.")
    assert book["Rekap"].column_dimensions["A"].width == 40
    assert book["Rekap"]["B2"].value == 17


def test_large_sheet_is_streamed_from_a_generator():
    rows = ([i, f"Pegawai {i}"] for i in range(1, 5001))
    book = load_workbook(io.BytesIO(build_workbook([Sheet("Pegawai", ["No", "Nama"], rows)])))

    assert book["Pegawai"].max_row == 5001
    assert book["Pegawai"]["B5001"].value == "Pegawai 5000"


def test_xlsx_response_is_an_attachment():
    response = xlsx_response("rekap", [Sheet("A", ["x"], [[1]])])

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'attachment; filename="rekap.xlsx"' == response["Content-Disposition"]


def test_text_that_starts_like_a_formula_is_kept_as_quoted_text():
    hostile = ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"]
    data = build_workbook([Sheet("A", ["Judul"], [[h] for h in hostile] + [[4.5]])])

    sheet = load_workbook(io.BytesIO(data))["A"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML turns a stored carriage return into a line feed; the text is otherwise as typed.
    assert [c.value.replace("\n", "\r") for c in cells[:-1]] == hostile
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[:-1])
    # One number format for every figure: two decimals, as the PDFs print them.
    assert cells[-1].number_format == "0.00"


def test_text_columns_keep_numbers_typed_in_later_as_text():
    data = build_workbook(
        [Sheet("Pegawai", ["NIP", "Nama"], [["198609262015051001", "Ani"]], text_columns=[0])]
    )

    sheet = load_workbook(io.BytesIO(data))["Pegawai"]
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet["A2"].value == "198609262015051001"
