"""Copy the pictograms the manifest names from the OpenMoji npm package into static/.

The SVGs are committed, so this only runs when the manifest changes. It is re-runnable: it
copies every file the manifest references, deletes files no longer referenced, and checks that
no SVG references anything outside itself and that the manifest credits the right author.

    python scripts/fetch_pictograms.py --install          npm-install OpenMoji into a temp dir, then copy
    python scripts/fetch_pictograms.py --from /tmp/openmoji   use an existing install (npm install --prefix DIR openmoji@VERSION)

The package is never installed inside the repository.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from easyreport.content.pictograms import (  # noqa: E402 - needs the repository on the path first
    OPENMOJI_DIR,
    OPENMOJI_VERSION,
    PICTOGRAMS,
    external_references,
)

TARGET = ROOT / "static" / OPENMOJI_DIR


def package_dir(install: Path) -> Path:
    """Find the openmoji package inside an npm install prefix (or accept the package itself)."""
    for candidate in (install / "node_modules" / "openmoji", install):
        if (candidate / "package.json").is_file() and (candidate / "color" / "svg").is_dir():
            return candidate
    sys.exit(
        f"no openmoji package under {install}; run: npm install --prefix {install} openmoji@{OPENMOJI_VERSION}"
    )


def copy(package: Path) -> list[str]:
    """Copy the referenced SVGs, remove the rest, and return the problems found."""
    problems: list[str] = []
    version = json.loads((package / "package.json").read_text())["version"]
    if version != OPENMOJI_VERSION:
        problems.append(f"package is openmoji {version}, the manifest says {OPENMOJI_VERSION}")
    data = json.loads((package / "data" / "openmoji.json").read_text())
    authors = {item["hexcode"]: unicodedata.normalize("NFC", item["openmoji_author"]) for item in data}
    TARGET.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for pictogram in PICTOGRAMS:
        source = package / "color" / "svg" / f"{pictogram.source_code}.svg"
        if not source.is_file():
            problems.append(f"{pictogram.id}: {source.name} is not in the package")
            continue
        if authors.get(pictogram.source_code) != pictogram.author:
            problems.append(
                f"{pictogram.id}: author is {authors.get(pictogram.source_code)!r}, manifest says {pictogram.author!r}"
            )
        refs = external_references(source.read_text(encoding="utf-8"))
        if refs:
            problems.append(f"{pictogram.id}: external references {refs}")
            continue
        destination = ROOT / "static" / pictogram.file
        wanted.add(destination.name)
        shutil.copyfile(source, destination)
    for stale in sorted(TARGET.glob("*.svg")):
        if stale.name not in wanted:
            stale.unlink()
            print(f"removed {stale.name} (no longer referenced)")
    print(f"{len(wanted)} pictograms in {TARGET.relative_to(ROOT)}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--from", dest="source", type=Path, help="an npm install prefix holding openmoji")
    group.add_argument(
        "--install", action="store_true", help="npm-install openmoji into a temporary directory"
    )
    args = parser.parse_args()
    if args.install:
        with tempfile.TemporaryDirectory(prefix="openmoji-") as tmp:
            subprocess.run(
                [
                    "npm",
                    "install",
                    "--prefix",
                    tmp,
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    f"openmoji@{OPENMOJI_VERSION}",
                ],
                check=True,
            )
            problems = copy(package_dir(Path(tmp)))
    else:
        problems = copy(package_dir(args.source))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
