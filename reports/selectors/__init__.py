"""Reads of the reports app: a quarter's report assembled from the stages (`assembly`), the
programme dashboard's figures (`dashboard`), the CC's to-dos on the home page (`todos`)."""
