"""What a shared installation's operators need: health checks for the load balancer and one JSON log line per
request (docs/operations.md). Not a Django app: middleware only, listed in settings.MIDDLEWARE."""
