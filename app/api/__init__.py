"""The Courtside REST API (Litestar): controllers per domain over the read layer and the ledger jobs."""

from app.api.app import create_app

__all__ = ["create_app"]
