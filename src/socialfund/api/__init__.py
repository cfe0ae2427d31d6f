"""The REST API (`/api/v1/`): the same services and permissions as the web app, for other systems."""
