"""Demo and national seeding only: the data `make run` shows a tester, and all of BPS for the
scale benchmarks. Built from the stage apps' services and models; it sits on top of them and
nothing outside demo/, tests/ and bench/ imports it."""
