"""A number too big for the column never crashes a query or a form (no 500 from crafted ids)."""

import pytest
from django import forms

from organization.models import Employee
from tests.factories import EmployeeFactory


@pytest.mark.django_db
def test_in_lookup_ignores_numbers_outside_the_column_range():
    person = EmployeeFactory()
    huge = 10**40
    assert list(Employee.objects.filter(pk__in=[huge, person.pk])) == [person]
    assert list(Employee.objects.filter(pk__in=[huge])) == []
    assert list(Employee.objects.filter(pk__in=[-huge, "12"]).values_list("pk", flat=True)) in (
        [],
        [12],
    )


@pytest.mark.django_db
def test_multiple_choice_of_employees_refuses_a_huge_id_with_a_message():
    person = EmployeeFactory()
    field = forms.ModelMultipleChoiceField(queryset=Employee.objects.all())
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean([str(person.pk), "9" * 40])
    assert excinfo.value.code == "invalid_choice"
    assert list(field.clean([str(person.pk)])) == [person]
