"""The ledger's pages: thin adapters that parse, call a service or a report, and render."""
