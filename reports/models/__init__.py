"""The reports app's models: the activity report and its workflow (`report`), the evidence pack
(`evidence`). Every model is imported here, so `reports.models.X` names them all."""

from .evidence import EvidencePack, _pack_path
from .report import CHAPTERS, ActivityReport, OpeningSpeech, ReportTransition

__all__ = [
    "CHAPTERS",
    "ActivityReport",
    "EvidencePack",
    "OpeningSpeech",
    "ReportTransition",
    "_pack_path",
]
