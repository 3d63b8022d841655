"""The real ``courtside`` CLI in a subprocess, with the test session's environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from tests.support.paths import ROOT

CLI = [sys.executable, "-m", "app.cli"]


def run_cli(*args: str, env: dict[str, str] | None = None, check: bool = True, timeout: float = 600):
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([*CLI, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"courtside {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def cli_json(*args: str, env: dict[str, str] | None = None) -> Any:
    """A command's machine-readable result (its ``--json`` output)."""
    return json.loads(run_cli(*args, "--json", env=env).stdout)
