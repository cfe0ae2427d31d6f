"""Moved to socialfund.kit.admin (a kit below the apps); this name stays one round for other branches."""

from socialfund.kit.admin import ReadOnlyAdmin

__all__ = ["ReadOnlyAdmin"]
