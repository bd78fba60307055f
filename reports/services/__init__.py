"""Writes of the reports app: the activity report and its CC approval (`report`), building the
evidence pack (`evidence`). Callers import the module they need."""
