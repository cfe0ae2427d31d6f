"""The fund: its capital, the decision that set it, and its guideline versions."""
