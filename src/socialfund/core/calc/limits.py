"""Limits on a calculation's inputs, in a module of their own so that a command can check its arguments
without importing the engine (and numpy)."""

MAX_RUNS = 1_000_000
"""The most simulation draws one call may ask for."""
