"""Where each stage reads and writes inside a workdir.

    WORKDIR/warc/*.warc.gz          crawl: raw responses (and requests)
    WORKDIR/crawl/state.sqlite      crawl: seen URLs, validators, content hashes
    WORKDIR/crawl/report.json       crawl: counts, errors, pages never fetched
    WORKDIR/extract/                extract: record index, pages per range, templates (work files)
    WORKDIR/docs/<warc>.parquet     extract: one row per fetched page, + <warc>.done
    WORKDIR/dedup/dedup.parquet     dedup: id, dedup_cluster, dedup_cluster_size, keep
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vicorpus.errors import UsageError


@dataclass(frozen=True)
class Workdir:
    """Paths of one workdir.

    >>> Workdir(Path("/tmp/w")).docs
    PosixPath('/tmp/w/docs')
    """

    root: Path

    @property
    def warc(self) -> Path:
        return self.root / "warc"

    @property
    def crawl(self) -> Path:
        return self.root / "crawl"

    @property
    def crawl_state(self) -> Path:
        return self.crawl / "state.sqlite"

    @property
    def crawl_report(self) -> Path:
        return self.crawl / "report.json"

    @property
    def extract(self) -> Path:
        return self.root / "extract"

    def warc_index(self, stem: str) -> Path:
        """The cached record index of the WARC ``stem``: there once extract has read the file."""
        return self.extract / "index" / f"{stem}.json"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def docs_parquet(self, stem: str) -> Path:
        """The docs parquet extracted from the WARC ``stem``."""
        return self.docs / f"{stem}.parquet"

    def docs_marker(self, stem: str) -> Path:
        """The marker written once the WARC ``stem`` is extracted to the end."""
        return self.docs / f"{stem}.done"

    @property
    def dedup(self) -> Path:
        return self.root / "dedup"

    @property
    def dedup_file(self) -> Path:
        return self.dedup / "dedup.parquet"

    def warc_files(self) -> list[Path]:
        """WARC files to extract: the crawler's ``*.warc.gz`` and foreign ``*.warc`` files."""
        return sorted([*self.warc.glob("*.warc.gz"), *self.warc.glob("*.warc")])

    def docs_files(self) -> list[Path]:
        return sorted(self.docs.glob("*.parquet"))

    def unextracted(self) -> list[str]:
        """WARC files whose docs ``vicorpus extract`` has not finished (no ``.done`` marker):
        one it could not read to the end, or one crawled since it last ran."""
        return [w.name for w in self.warc_files() if not self.docs_marker(warc_stem(w)).exists()]

    def require_extracted(self, stage: str) -> None:
        """Refuse to run ``stage`` over docs that miss WARC files (a one-line UsageError): WARCs
        extract has not seen yet (no record index), and WARCs it could not read to the end."""
        missing = self.unextracted()
        if not missing:
            return
        seen = {name for name in missing if self.warc_index(warc_stem(name)).exists()
                or self.docs_parquet(warc_stem(name)).exists()}
        new, partial = [name for name in missing if name not in seen], [name for name in missing if name in seen]
        if new:
            raise UsageError(f"{stage}: {len(new)} WARC file(s) not extracted yet ({_names(new)}): "
                             "run `vicorpus extract` first")
        raise UsageError(
            f"{stage}: {len(partial)} WARC file(s) not extracted to the end ({_names(partial)}): run `vicorpus "
            f"extract` again; to go on with what it could read of a damaged WARC (its docs stay), move the WARC "
            f"out of {self.warc}")


def _names(names: list[str]) -> str:
    return ", ".join(names[:2]) + (", ..." if len(names) > 2 else "")


def warc_stem(warc: Path | str) -> str:
    """The name a WARC's docs files take: 'demo-20260112T073000Z-00000.warc.gz' ->
    'demo-20260112T073000Z-00000' (docs/<stem>.parquet and its .done marker).

    >>> warc_stem("work/warc/cc-style.warc")
    'cc-style'
    """
    return Path(warc).name.removesuffix(".gz").removesuffix(".warc")


def prepare_workdir(path: str | Path, must_exist: bool = False) -> Workdir:
    """Check (and create) a workdir, raising a one-line UsageError when unusable."""
    root = Path(path).expanduser().resolve()
    if must_exist and not root.is_dir():
        raise UsageError(f"workdir not found: {root}")
    if root.exists() and not root.is_dir():
        raise UsageError(f"workdir is not a directory: {root}")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create workdir {root}: {exc.strerror}") from None
    # A real write, not os.access: root passes every permission check.
    probe = root / f".write-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"workdir is not writable: {root} ({exc.strerror})") from None
    return Workdir(root)
