"""Check the locked dependencies for known vulnerabilities; fail unless every package was really checked.

    .venv/bin/python scripts/vuln_check.py [requirements/test.lock]

Exit 0: every locked package was looked up and none has a known vulnerability. Exit 1: vulnerabilities
(listed). Exit 2: the check could not be done (the vulnerability service did not answer, or a package
was skipped): an audit that could not ask is never reported as clean. Needs network access, so it is a
separate step, not part of the test suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOCK = ROOT / "requirements" / "test.lock"


@dataclass(frozen=True)
class Outcome:
    """What the audit found: how many packages were checked, and what went wrong."""

    checked: int
    vulnerable: list[str]
    skipped: list[str]

    @property
    def exit_code(self) -> int:
        """2 when anything was not checked, 1 for vulnerabilities, 0 when all were checked and clean."""
        if self.skipped or self.checked == 0:
            return 2
        return 1 if self.vulnerable else 0


def interpret(report: dict[str, object]) -> Outcome:
    """Read pip-audit's JSON report."""
    checked, vulnerable, skipped = 0, [], []
    dependencies = report.get("dependencies", [])
    assert isinstance(dependencies, list)
    for dependency in dependencies:
        name = f"{dependency.get('name')} {dependency.get('version', '')}".strip()
        if dependency.get("skip_reason"):
            skipped.append(f"{name}: {dependency['skip_reason']}")
            continue
        checked += 1
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            vulnerable.append(f"{name}: {vuln.get('id')} (fixed in {fixed})")
    return Outcome(checked, vulnerable, skipped)


def main(argv: list[str]) -> int:
    lock = Path(argv[1]) if len(argv) > 1 else DEFAULT_LOCK
    audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.TemporaryDirectory() as cache:  # a fresh cache: never an old answer instead of a new one
        result = subprocess.run(
            [
                str(audit),
                "-r",
                str(lock),
                "--require-hashes",
                "--disable-pip",
                "--strict",
                "--format",
                "json",
                "--progress-spinner",
                "off",
                "--cache-dir",
                cache,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        print("The vulnerability check could not be done (no report from pip-audit):", file=sys.stderr)
        print(result.stderr.strip()[-2000:], file=sys.stderr)
        return 2
    outcome = interpret(report)
    for line in outcome.skipped:
        print(f"NOT CHECKED {line}")
    for line in outcome.vulnerable:
        print(f"VULNERABLE {line}")
    if outcome.exit_code == 2:
        print(
            f"The vulnerability check is incomplete: {len(outcome.skipped)} packages not checked.",
            file=sys.stderr,
        )
    else:
        print(f"Checked {outcome.checked} packages: {len(outcome.vulnerable)} known vulnerabilities.")
    return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
