"""Reads of the evaluations app: the recap of an event and of a year (`recap`), the award
rankings (`awards`), the rating forms waiting on the home page (`todos`)."""
