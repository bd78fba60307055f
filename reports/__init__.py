"""Step 10 of the SOP: the quarterly activity report, its CC approval, the programme dashboard and
the evidence pack.

Map: `models/` (report, evidence pack), `services/` (writes: `report`, `evidence`), `selectors/`
(reads: `assembly`, `dashboard`, `todos`), `exports/` (the files made: report PDF, dashboard
PDF/.xlsx and charts, evidence pack contents), `views/`, `forms.py`, `urls.py`, `rules.py`,
`tasks.py` (Celery), `admin.py`; `speech_files.py` reads uploaded speech files (domain module).
"""
