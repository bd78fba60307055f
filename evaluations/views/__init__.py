"""Pages of step 11: rating forms (`ratings`), the recap of an event and of the year (`recap`),
the awards (`awards`); `common` holds what they share."""
