"""Running numbers per office and year that are never reused and never skipped.

The sequence row is locked (SELECT ... FOR UPDATE) for the rest of the caller's transaction, so
concurrent issuers queue behind each other; if the caller's transaction rolls back (the PDF
failed to render, say), the number is handed back with it and the next letter takes it: no gap.
"""

from django.db import transaction


def take_numbers(sequence_model, office, year: int, count: int = 1) -> range:
    """Reserve `count` consecutive numbers; call inside the transaction that stores them."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_numbers must run inside the transaction that uses the numbers")
    # Create the row for a new office/year without racing: a concurrent insert is ignored.
    sequence_model.objects.bulk_create(
        [sequence_model(office=office, year=year, last_number=0)], ignore_conflicts=True
    )
    row = sequence_model.objects.select_for_update().get(office=office, year=year)
    first = row.last_number + 1
    row.last_number += count
    row.save(update_fields=["last_number"])
    return range(first, first + count)
