"""Kept only because migration 0002 names `reports.evidence_models._pack_path` (old migrations are
never edited). The model lives in reports.models.evidence."""

from .models.evidence import _pack_path

__all__ = ["_pack_path"]
