"""Nothing lost: the whole system as one versioned JSON document, and back (docs/operations.md)."""
