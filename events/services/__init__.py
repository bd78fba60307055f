"""Writes of the events app (SOP steps 6-9), one module per concept; each function is one
transaction. The event's creation, steps 6-7 and its status are in `preparation`, step 8 in
`team`, step 9 in `eventday`, the presenter's materials in `materials`, Pustaka Serawai's
sharing in `library`, personal calendar feeds in `calendar`; `steps` keeps the step ledger and
`errors` holds EventError, which they share. Callers import the module they need.
"""
