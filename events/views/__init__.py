"""Pages of steps 6-9, one module per concept: the event and its preparation (`preparation`),
the Event Team (`team`), the event day (`day`), letters (`letters`), materials (`materials`),
Pustaka Serawai (`library`), calendars (`calendar`); `common` holds what they share."""
