"""Files the events app produces: the attendance list PDF (`attendance`), iCalendar files and
personal feeds (`calendar`)."""
