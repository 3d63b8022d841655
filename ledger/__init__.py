"""The bankroll ledger: bets on games at American odds, in integer cents, settled exactly once.

``odds`` reads and prices American odds, ``book`` places and settles bets on a connection,
``jobs`` wraps them as audited jobs for the CLI, the daily run and the API. Reads (lists,
summaries) live in ``app.services.bets``.
"""
