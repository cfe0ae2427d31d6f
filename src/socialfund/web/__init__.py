"""The web interface: layout, login, start pages, and the pages every user can reach."""
