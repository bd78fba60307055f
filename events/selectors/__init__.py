"""Reads of the events app: the attendance list (`attendance`), Pustaka Serawai's library of held
events and its search (`library`)."""
