"""The Panel dashboard: the analyst's morning console over the read layer (``app.services``).

Kept free of imports so ``courtside --help`` does not load Panel.
"""

DEFAULT_ADDRESS = "127.0.0.1"  # loopback unless asked otherwise
DEFAULT_PORT = 5006
