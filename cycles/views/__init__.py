"""The cycle's pages, one module per concept (home, timeline, concept, calendar, national)."""
