"""Form widgets shared by the apps.

A browser's date and time pickers read only ISO values (2025-01-02, 09:00), whatever the page's
language; Django would otherwise render the language's own format (Indonesian "09.00.00"), which
the picker shows as empty. Input formats of both languages accept what the picker sends.
"""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")
