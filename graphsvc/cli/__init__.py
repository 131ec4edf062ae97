"""The `graphsvc` command line (see main.py); `graphsvc.cli.app` stays importable for the tests."""

from graphsvc.cli.main import app

__all__ = ["app"]
