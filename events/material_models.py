"""Kept only because migrations name `events.material_models._material_path` (old migrations are
never edited). The model lives in events.models.materials."""

from .models.materials import _material_path

__all__ = ["_material_path"]
