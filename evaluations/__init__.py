"""Step 11 of the SOP: attendees rate the presenters (anonymously), the CAN rates the organiser,
the recap of an event and of the year, and the year's awards.

Map: `models.py`, `services/` (writes: `ratings`, `rating_box`, `awards`), `selectors/` (reads:
`recap`, `awards` rankings, `todos`), `exports/` (recap .xlsx/PDF, SVG `charts`), `views/`,
`forms.py`, `urls.py`, `rules.py`, `tasks.py` (Celery), `admin.py`; domain modules: `criteria.py`
(the rating criteria as data) and `stats.py` (exact statistics on 1-5 scores).
"""
