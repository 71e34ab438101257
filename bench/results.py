"""Merge bench/results/*.md into bench/RESULTS.md with machine facts.

    python -m bench.results
"""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine_facts() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, cwd=HERE).stdout.strip()
    except OSError:
        commit = "?"
    return (f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}\n"
            f"- machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}\n"
            f"- Python {platform.python_version()} on {platform.system()} {platform.release()}\n")


def main() -> None:
    sections = sorted((HERE / "results").glob("*.md"))
    parts = ["# Benchmark results\n",
             "Figures measured on one machine in one run per section (machines are noisy: compare "
             "ratios within a section, not absolute numbers across sections). Each section names "
             "the command that reproduces it; `python -m bench.results` rebuilds this page.\n",
             "## Machine\n", machine_facts()]
    parts += [section.read_text(encoding="utf-8").strip() + "\n" for section in sections]
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'} from {len(sections)} sections")


if __name__ == "__main__":
    main()
