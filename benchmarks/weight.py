"""Requests and bytes per client screen in Chromium: with the cache off, then warm (a reload of a visited screen).

Run from the repository root:  PYTHONPATH=. .venv/bin/python benchmarks/weight.py

It starts the app under gunicorn as benchmarks/pages.py does, puts a device in client mode, and opens each
client screen in Debian's Chromium (Playwright, /usr/bin/chromium) twice: with the browser cache switched off
(every request goes to the server: the cold figures), then with the cache on, once to fill it and once as a
reload (the warm figures). Bytes are what came over the wire (headers and compressed bodies, as DevTools
counts them); audio is left out (it loads only when the client presses play). Goals (issue 14): <= 60 kB cold
for a question screen, 1 request warm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import CDPSession, Page, sync_playwright

from benchmarks._served import BARE_PATH, ROOT, Browserless, environment, free_port
from benchmarks.pages import _seed, _sessions

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Weight:
    requests: int = 0
    from_cache: int = 0
    bytes: int = 0


class Counter:
    """Count what reaches the network for a page, through the DevTools protocol."""

    def __init__(self, cdp: CDPSession) -> None:
        self.cdp = cdp
        self.weight = Weight()
        self._media: set[str] = set()
        self._cached: set[str] = set()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", lambda e: self._cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)

    def reset(self) -> Weight:
        done, self.weight = self.weight, Weight()
        self._cached = set()
        return done

    def _sent(self, event: dict) -> None:
        if event.get("type") == "Media" or "/audio/" in event["request"]["url"]:
            self._media.add(event["requestId"])

    def _received(self, event: dict) -> None:
        if event["requestId"] in self._media:
            return
        response = event["response"]
        if (
            response.get("fromDiskCache")
            or response.get("fromPrefetchCache")
            or event["requestId"] in self._cached
        ):
            self.weight.from_cache += 1
        else:
            self.weight.requests += 1

    def _finished(self, event: dict) -> None:
        if event["requestId"] not in self._media and event["requestId"] not in self._cached:
            self.weight.bytes += int(event.get("encodedDataLength", 0))


def _settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="easyreport-weight-"))
    env = environment(home)
    seeded = _seed(env)
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-b", f"127.0.0.1:{port}", "-w", "2", "benchmarks._served:app()"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows: list[tuple[str, Weight, Weight, Weight]] = []
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                Browserless(port).request("GET", BARE_PATH)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        device = _sessions(port, seeded).device
        base = f"http://127.0.0.1:{port}"
        screens = {
            "welcome": "/client/",
            "question": f"/client/questions/{seeded.question}",
            "break": "/client/break",
            "stop": "/client/stop",
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context()
            context.add_cookies([{"name": k, "value": v, "url": base} for k, v in device.cookies.items()])
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            counter = Counter(cdp)
            for name, path in screens.items():
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                counter.reset()
                page.goto(base + path)
                _settle(page)
                cold = counter.reset()
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
                page.goto(base + path)
                _settle(page)
                first = counter.reset()
                page.reload()
                _settle(page)
                warm = counter.reset()
                shown = page.url.removeprefix(base)
                rows.append((name if shown == path else f"{name} -> {shown}", cold, first, warm))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=60)
    print("Chromium, gunicorn 2 workers; bytes as transferred (headers + compressed bodies), audio excluded")
    print(
        f"{'screen':<10} {'cold requests':>14} {'cold kB':>9} {'visit requests':>15} {'visit kB':>9} {'reload requests':>16} {'reload kB':>10} {'reload from cache':>18}"
    )
    for name, cold, first, warm in rows:
        print(
            f"{name:<32} {cold.requests:>14} {cold.bytes / 1000:>9.1f} {first.requests:>15} {first.bytes / 1000:>9.1f} "
            f"{warm.requests:>16} {warm.bytes / 1000:>10.1f} {warm.from_cache:>18}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
