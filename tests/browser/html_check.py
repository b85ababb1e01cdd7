"""The Nu HTML Checker over the HTML the live server served to the browser tests, in one batch at session end.

The live server keeps every HTML page it sends (deduplicated by content); at the end of the session the
pages go to vnu (node_modules/vnu-jar, installed by scripts/setup.sh --test, run on Java) in one call, and
any error fails the session with the page's address and vnu's message. The figures go to
test-results/html-check.json for the CI artefacts.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
REPORT = ROOT / "test-results" / "html-check.json"


@dataclass
class ServedPages:
    """HTML bodies the app served, by content hash, with the first address each came from."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, address: str, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()
        with self.lock:
            self.pages.setdefault(digest, (address, body))


def vnu_errors(pages: ServedPages, report: Path = REPORT) -> tuple[int, list[str]]:
    """Check every page with vnu; return how many pages were checked and one line per error (also in report)."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        return 0, [f"the Nu HTML Checker is missing ({VNU_JAR}, java); run: bash scripts/setup.sh --test"]
    with pages.lock:
        items = list(pages.pages.values())
    if not items:
        return 0, []
    with tempfile.TemporaryDirectory() as folder:
        addresses = {}
        for number, (address, body) in enumerate(items):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_bytes(body)
            addresses[path.name] = address
        result = subprocess.run(
            [
                java,
                # One short run: the quick compiler only halves vnu's CPU time here (the optimising one never
                # pays for itself), and its frames need a larger stack than the default for the HTML schema.
                "-XX:TieredStopAtLevel=1",
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                "--exit-zero-always",
                *map(str, sorted(Path(folder).iterdir())),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except (ValueError, KeyError):
        return len(items), [f"vnu gave no report: {result.stderr[-2000:]}"]
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "?")
        where = addresses.get(url.rsplit("/", 1)[-1], url)
        extract = (message.get("extract") or "").strip().replace("\n", " ")[:160]
        errors.append(f"{where} line {message.get('lastLine', '?')}: {message.get('message')} [{extract}]")
    report.parent.mkdir(exist_ok=True)
    report.write_text(
        json.dumps({"pages_checked": len(items), "errors": len(errors), "messages": errors}, indent=2),
        encoding="utf-8",
    )
    return len(items), errors
