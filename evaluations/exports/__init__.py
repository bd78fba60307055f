"""Files the evaluations app produces: the recap as .xlsx and PDF (`recap`), the recap's SVG
charts (`charts`)."""
