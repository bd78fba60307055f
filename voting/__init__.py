"""Steps 3-5 of the SOP: theme proposals, the secret vote, the tally and announcement. A map:

- models.py: proposals, the vote, voter records and ballots (secrecy: see its docstring)
- services/: the writes, one module per concept (proposals, ballots, results, letters,
  reminders, schedule)
- selectors.py: the reads for pages, exports, services and other apps
- exports.py: the files the app produces (the list of proposals as .xlsx and PDF)
- forms.py, views/ (proposals, ballot, results), urls.py, rules.py, tasks.py, admin.py,
  filters.py, signals.py
- tally.py: the ranking rule of step 5, a pure function
"""
