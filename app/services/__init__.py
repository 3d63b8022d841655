"""The read layer the API and the dashboard share: one module per domain, one home per query.

Every function takes an open psycopg connection and returns dataclasses (never DataFrames, never
raw tuples), so a controller or a Panel view only arranges what it gets. Queries read the marts
and ``ops``; raw tables are read only by ``raw`` through its allow-list. A season that is not
loaded gives an empty result whose ``note`` says so, not an error; malformed input (a season
label in the wrong form, a negative offset) raises ``InputError`` naming the parameter.

Modules: ``status`` (system status), ``matches``, ``predictions``, ``performance``,
``features``, ``bets`` (the ledger's reads), ``raw`` (the table explorer), ``quality``.
"""
