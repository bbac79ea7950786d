"""Routes of the claims API, registered by config/api_urls.py."""

routes = []
