"""The dashboard in a real browser: a served ``courtside dashboard`` and Debian's headless Chromium.

Playwright cannot download its own browser here; it drives /usr/bin/chromium (installed by .ci/run).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.paths import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# route -> text that shows only once the page has its data (the match page opens on the as-of day's first game)
READY_TEXT = {
    "": "match deep dive →",
    "match": "Why the model leans this way",
    "performance": "scored live games",
    "bankroll": "suggested stake",
    "explorer": "rows 1–50 of",
    "quality": "passed in the latest build",
    "mlops": "Retrain policy (dry run)",
}
ARTIFACTS = ROOT / "tests" / "artifacts" / "dashboard"  # screenshots (gitignored)
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
# true once no element, however deep in Panel's shadow roots, still shows a loading spinner
NO_SPINNER = """() => {
  const busy = (root) => !!root.querySelector('.pn-loading') ||
    [...root.querySelectorAll('*')].some(e => e.shadowRoot && busy(e.shadowRoot));
  return !busy(document);
}"""


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_dashboard(env: dict[str, str] | None = None, timeout: float = 180) -> Iterator[str]:
    """``courtside dashboard`` on a free loopback port for the block; yields its base URL."""
    port = free_port()
    log = open(os.devnull, "w")  # noqa: SIM115  (closed below, after the server)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "dashboard", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"courtside dashboard exited with {proc.returncode}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"courtside dashboard did not listen on {port} within {timeout:.0f} s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@dataclass
class PageWatch:
    """What a page did: every request it made and every console error it logged."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL)]


def watch(page) -> PageWatch:
    seen = PageWatch()
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.console_errors.append(str(e)))
    return seen


def wait_for_data(page, text: str, timeout: float = 90) -> None:
    """Until ``text`` shows and no loading spinner is left (the page's data has arrived)."""
    page.get_by_text(text).first.wait_for(timeout=timeout * 1000)
    page.wait_for_function(NO_SPINNER, timeout=timeout * 1000)


def screenshot(page, path: Path) -> None:
    """The whole page: the template scrolls inside its main area, so grow the window to fit it first."""
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(...['#main', '#content', 'body'].map(s => document.querySelector(s)?.scrollHeight || 0))"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height + 80)})
    page.wait_for_timeout(500)  # let the charts re-lay out at the new size
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(size)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
