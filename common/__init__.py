"""The floor every app may stand on: helpers that import no app of Serawai."""
