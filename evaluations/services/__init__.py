"""Writes of the evaluations app (SOP step 11): rating forms and ratings (`ratings`), the sealed
box that mixes presenter ratings (`rating_box`), the year's awards (`awards`); `errors` holds
EvaluationError, which they share. Callers import the module they need."""
