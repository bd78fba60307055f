"""The writes of steps 1-2, one module per concept; import the one you need:

- cycle.py: create and re-plan the year's cycle, start and complete its steps, the calendar days
  that move the schedule
- concept.py: step 1's concept (save, submit, agree, return) and step 2's socialisation letter
- deadlines.py: the deadline sweep that sends reminders and escalations (run by tasks.py)
"""
