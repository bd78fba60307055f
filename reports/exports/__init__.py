"""Files the reports app produces: the report PDF (`report`), the dashboard's charts, PDF and
.xlsx (`charts`, `dashboard`), the evidence pack's contents (`evidence`, `evidence_entries`,
`evidence_records`)."""
