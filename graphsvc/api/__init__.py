"""The HTTP API: an app factory, dependencies, error handlers and thin routes."""
