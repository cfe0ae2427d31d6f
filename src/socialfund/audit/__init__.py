"""The audit log: who did what, when, from which state to which. Written once, never changed."""
