"""Web views of the case workflow: thin adapters that parse input, call a service and render."""
