"""The reports app's pages: the activity report (`report`), the programme dashboard
(`dashboard`), the evidence pack (`evidence`)."""
