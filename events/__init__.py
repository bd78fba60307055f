"""Steps 6-9 of the SOP: the event of a selected theme, its preparation, team, day (invitation,
attendance, minutes, photos, certificates) and the presenter's materials; Pustaka Serawai.

Map: `models/` (event, materials, calendar), `services/` (writes, one module per concept;
`errors` holds EventError, which they share), `selectors/` (reads: `attendance`, `library`),
`exports/` (attendance PDF, iCalendar `calendar`), `views/`, `forms.py`, `filters.py`, `urls.py`,
`rules.py`, `tasks.py` (Celery), `admin.py`, `signals.py` (what events sends) and `receivers.py`
(what it does on earlier stages' signals); domain modules: `checkin.py` (the signed check-in
link) and `material_files.py` (recognising and converting presentation files).
"""
