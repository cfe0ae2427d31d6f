"""Initiatives (cases): from a registered interest to kommunstyrelsen's decision."""
