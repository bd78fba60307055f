"""The refusal of an imported sheet (offices, employees): every bad row at once, nothing stored."""

from django.utils.translation import gettext as _

from common.errors import ServiceError


class SheetImportError(ServiceError):
    """The sheet was refused; `errors` lists (row number, message) and nothing was stored."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{_('baris')} {row}: {msg}" for row, msg in errors))
