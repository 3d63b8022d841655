"""Run every benchmark (``make bench``); each one rewrites its own section of REPORT.md."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(names: list[str]) -> None:
    here = Path(__file__).resolve().parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    for name in names or found:
        module = importlib.import_module(f"benchmarks.{name}")
        started = time.perf_counter()
        print(f">> {name}", flush=True)
        module.main()
        print(f"<< {name}: {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
