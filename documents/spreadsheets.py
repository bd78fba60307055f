"""The one helper for every .xlsx export (openpyxl, write-only mode).

A sheet has Indonesian headers in bold on a frozen first row, column widths that fit the content
(or the widths given), and dates written as real dates so that the spreadsheet can sort and
filter them.

Every value passes through `_cell`, which is the only place that decides what a cell is: text
that a spreadsheet would read as a formula (a leading =, +, -, @, tab or carriage return) is
stored as a text cell marked with Excel's own quote prefix, exactly as if a person had typed an
apostrophe before it. The text stays as the user wrote it (an archived title must not change),
it is shown, never evaluated, and it stays text when someone edits the cell. Numbers share one
format with two decimals, as the PDFs print them.
"""

import datetime
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from common.text import safe_filename

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
DECIMAL_FORMAT = "0.00"
# What Excel, LibreOffice and Google Sheets read as the start of a formula or a DDE command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Widths are measured on the first rows only: a 16,000-row sheet must not be scanned twice.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6, 60
_INVALID_TITLE_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[float] | None = None
    # 0-based columns formatted as text, so that a number typed in later (an 18-digit NIP)
    # keeps every digit instead of becoming 1.98609E+17.
    text_columns: Sequence[int] = ()


def _text_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _cell(ws, value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, float):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DECIMAL_FORMAT
        return cell
    if value is not None and not isinstance(value, int | float | bool | str):
        value = str(value)
    if isinstance(value, str):
        return _text_cell(ws, value)
    return WriteOnlyCell(ws, value=value)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _text_cell(ws, text: str):
    """A cell that holds `text` as text, whatever its first character."""
    cell = WriteOnlyCell(ws, value=text)
    if looks_like_formula(text):
        # openpyxl turns a leading "=" into a formula; a text cell with the quote prefix is what
        # the spreadsheet itself stores when a person types '=... and keeps it text on edit.
        cell.data_type = "s"
        cell.quotePrefix = True
    if len(text) > MAX_WIDTH or "\n" in text:
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


def _write_sheet(workbook, sheet: Sheet) -> None:
    ws = workbook.create_sheet(title=str(sheet.title).translate(_INVALID_TITLE_CHARS)[:31])
    headers = [str(h) for h in sheet.headers]
    rows = iter(sheet.rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    if sheet.widths:
        widths = list(sheet.widths)
    else:
        widths = [
            min(MAX_WIDTH, max(MIN_WIDTH, len(h) + 2, *(_text_length(r[i]) + 2 for r in sample)))
            if sample
            else max(MIN_WIDTH, len(h) + 2)
            for i, h in enumerate(headers)
        ]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for index in sheet.text_columns:
        ws.column_dimensions[get_column_letter(index + 1)].number_format = "@"
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    header_cells = []
    for header in headers:
        cell = _text_cell(ws, header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header_cells.append(cell)
    ws.append(header_cells)
    for row in itertools.chain(sample, rows):
        ws.append([_cell(ws, value) for value in row])
    if headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"


def build_workbook(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx file of `sheets` as bytes (write-only: memory stays flat for large sheets)."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    if not filename.endswith(".xlsx"):
        filename += ".xlsx"
    response = HttpResponse(build_workbook(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename))
    return response
