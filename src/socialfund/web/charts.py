"""Moved to socialfund.kit.charts (a kit below the apps); this name stays one round for other branches."""

from socialfund.kit.charts import Bar, costs_and_savings_svg

__all__ = ["Bar", "costs_and_savings_svg"]
