"""Command-line interfaces that run on the pure core alone (no Django)."""
