"""Users and their roles. Roles are Django groups named by stable role codes."""
