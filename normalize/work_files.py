"""Where the extract stage keeps its work files (WORKDIR/extract/), and how it writes them:
always through a temp file and os.replace, so a killed process leaves nothing half-written.
Light to import (no pyarrow, no extractor): the WARC index is started from here before the
stage's heavy imports.

>>> WorkFiles(Workdir(Path("work"))).pages_dir("demo-00000")
PosixPath('work/extract/pages/demo-00000')
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from vicorpus.workdir import Workdir


class WorkFiles:
    """Where the stage keeps its work files: WORKDIR/extract/."""

    def __init__(self, workdir: Workdir):
        self.workdir = workdir
        self.root = workdir.extract

    def index(self, stem: str) -> Path:
        return self.workdir.warc_index(stem)

    def pages_dir(self, stem: str) -> Path:
        return self.root / "pages" / stem

    def rows_dir(self, stem: str) -> Path:
        return self.root / "rows" / stem

    @property
    def templates(self) -> Path:
        return self.root / "templates.json"

    def docs(self, stem: str) -> Path:
        return self.workdir.docs_parquet(stem)

    def marker(self, stem: str) -> Path:
        return self.workdir.docs_marker(stem)


def write_atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_json(path: Path, value) -> None:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1, default=str)
    write_atomic(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
