"""Steps 1-2 of the SOP: the year's cycle, its schedule and concept. A map of the app:

- models/: the cycle, its step ledger and working-day calendar days (cycle.py); the concept
- services/: the writes, one module per concept (cycle, concept, deadlines)
- selectors/: the reads for pages and other apps (cycles, concept, timeline, home,
  responsibility, national)
- forms.py, views/ (one module per page group), urls.py, rules.py, tasks.py, admin.py, filters.py
- domain modules: sop.py (the SOP's steps), calendar.py (working days), planning.py (the schedule
  arithmetic), ledger.py (which models hold step records), signals.py
- request wiring: middleware.py (the chosen year), readonly.py (past cycles are read-only)
"""
