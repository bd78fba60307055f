"""The year-long browser walk, split by SOP stage: world.py (the people and the calendar
jumps), steps_1_to_5.py (the cycle: concept, letter, proposals, vote, announcement) and
steps_6_to_11.py (each selected theme's event, report and evaluation), with pages.py (what a
person does on a page: press and look, read a PDF, fill a rating form)."""
