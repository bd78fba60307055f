"""`<integer field>__in` that ignores numbers outside the column's range instead of crashing.

Django guards `exact`, `gt`, `lt`... on integer fields against out-of-range numbers (they match
nothing) but not `in`: a form with a ModelMultipleChoiceField posted "99999999999999999999"
ended in OverflowError (SQLite) or a database error (PostgreSQL), a 500. Such a number cannot
match a row, so it is dropped; the form then says the choice is not valid.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )

            def fits(value):
                if not isinstance(value, int) or isinstance(value, bool):
                    return True
                return (low is None or value >= low) and (high is None or value <= high)

            try:
                self.rhs = [value for value in self.rhs if fits(value)]
            except TypeError:
                pass
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
