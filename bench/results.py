"""Merge bench/results/*.md into bench/RESULTS.md; every section says when and at which commit it was measured.

    python -m bench.results

A bench script stamps its own section with :func:`stamp` (the commit it ran at and the
date). A section without a stamp gets the commit and date of the last commit that changed
its file, labelled as such: the figures were recorded then, measured at or before it.
"""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAMP = "- measured:"


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=HERE).stdout.strip()
    except OSError:
        return ""


def stamp() -> str:
    """The line a bench script puts under its section title: date, commit, uncommitted changes.

    >>> stamp().startswith("- measured: 20")
    True
    """
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " (with uncommitted changes)" if _git("status", "--porcelain", "--untracked-files=no") else ""
    return f"{STAMP} {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC at commit {commit}{dirty}"


def recorded(section: Path) -> str:
    """The stamp of a section whose script does not stamp it: its file's last commit."""
    last = _git("log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M", "--", str(section))
    if not last:
        return f"{STAMP} unknown (bench/results/{section.name} is not committed yet and its script does not stamp it)"
    commit, _, when = last.partition(" ")
    return (f"{STAMP} recorded in commit {commit} on {when} (the last commit of bench/results/{section.name}; "
            "its script does not stamp it)")


def with_stamp(section: Path) -> str:
    """The section's text, with a stamp line under its title when it has none."""
    text = section.read_text(encoding="utf-8").strip()
    if STAMP in text:
        return text + "\n"
    title, _, rest = text.partition("\n")
    return f"{title}\n\n{recorded(section)}\n{rest}\n"


def machine_facts() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"- machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}\n"
            f"- Python {platform.python_version()} on {platform.system()} {platform.release()}\n")


def main() -> None:
    sections = sorted((HERE / "results").glob("*.md"))
    parts = ["# Benchmark results\n",
             "Figures measured on one machine in one run per section (machines are noisy: compare "
             "ratios within a section, not absolute numbers across sections). Each section names "
             "the command that reproduces it and the date and commit it was measured at; "
             "`python -m bench.results` rebuilds this page.\n",
             "## Machine\n", machine_facts()]
    parts += [with_stamp(section) for section in sections]
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'} from {len(sections)} sections")


if __name__ == "__main__":
    main()
