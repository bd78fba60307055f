"""Reading an imported .xlsx sheet (offices, employees): the rows under the header of its first
sheet, or a refusal when the file is no readable workbook."""

from contextlib import contextmanager

from django.utils.translation import gettext as _

from .import_errors import SheetImportError


@contextmanager
def data_rows(file):
    """Within the block, (sheet row number, tuple of cell values) of each row of the first sheet
    after the header, read as they are needed; the workbook is closed when the block ends."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise SheetImportError(
            [(0, _("Berkas bukan lembar kerja .xlsx yang dapat dibaca."))]
        ) from exc
    try:
        rows = enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)
        yield ((number, tuple(values or ())) for number, values in rows if number > 1)
    finally:
        book.close()
