"""The reads of the cycle, for pages, exports and other apps; one module per concept:

- cycles.py: the cycle a person sees (chosen year), step dates, steps done on time
- concept.py: who signs the cycle's letters, the kab/kota CAs, the socialisation letter
- timeline.py: the SOP timeline of a cycle, its sections and rows
- home.py: the home page's to-dos (other apps register theirs) and a person's open steps
- responsibility.py: who is responsible for a step
- national.py: every province's cycle with its progress, for headquarters
"""
