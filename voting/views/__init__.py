"""The pages of steps 3-5, one module per concept (proposals, ballot, results; access holds
the lookups they share)."""
