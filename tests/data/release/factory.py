"""Builds a small deduplicated workdir for the release tests (docs + dedup parquet).

Realistic Vietnamese government-news rows written straight with
vicorpus.schema.DOCS_SCHEMA / DEDUP_SCHEMA, so the tests need no other stage.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from vicorpus.schema import DEDUP_SCHEMA, DOCS_SCHEMA, empty_row
from vicorpus.workdir import Workdir

PARAGRAPHS = [
    "Thủ tướng Chính phủ vừa ký ban hành Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, "
    "có hiệu lực từ ngày 1 tháng 7 năm 2023.",
    "Theo đó, bên kiểm soát dữ liệu phải thông báo cho chủ thể dữ liệu trước khi xử lý, "
    "trừ các trường hợp luật định.",
    "Bộ Công an là cơ quan chủ trì, phối hợp với các bộ, ngành hướng dẫn thi hành nghị định.",
    "Phiên họp Chính phủ thường kỳ tháng 10 đã thảo luận tình hình kinh tế - xã hội, "
    "giải ngân vốn đầu tư công và các nhiệm vụ trọng tâm quý IV.",
    "Bộ Thông tin và Truyền thông đề nghị các doanh nghiệp viễn thông rà soát, xử lý "
    "thuê bao di động không chính chủ theo Thông tư 08/2022/TT-BTTTT.",
    "Ủy ban nhân dân tỉnh Quảng Nam yêu cầu các địa phương chủ động phương án ứng phó "
    "với mưa lũ, bảo đảm an toàn tính mạng và tài sản của nhân dân.",
    "Tổng cục Thống kê cho biết chỉ số giá tiêu dùng bình quân 9 tháng tăng 3,16% so với "
    "cùng kỳ năm trước.",
    "Ngân hàng Nhà nước điều chỉnh giảm lãi suất điều hành nhằm hỗ trợ doanh nghiệp và "
    "người dân tiếp cận vốn vay.",
]

SOURCES = {
    "baochinhphu": {"title": "Báo điện tử Chính phủ", "url": "https://baochinhphu.vn/",
                    "licence": "Ghi rõ nguồn \"Báo điện tử Chính phủ\" khi phát hành lại thông tin",
                    "attribution": "Nguồn: Báo điện tử Chính phủ"},
    "mic": {"title": "Cổng thông tin điện tử Bộ Thông tin và Truyền thông",
            "url": "https://mic.gov.vn/",
            "licence": "Ghi rõ nguồn mic.gov.vn khi trích dẫn", "attribution": "Nguồn: mic.gov.vn"},
}

BASE_TIME = datetime(2023, 9, 1, 1, 30, tzinfo=timezone.utc)


def article(index: int, paragraphs: int = 3, repeat: int = 1) -> str:
    parts = [PARAGRAPHS[(index + k) % len(PARAGRAPHS)] for k in range(paragraphs)]
    return "\n\n".join(parts * repeat) + f"\n\nBài số {index}: Nghị quyết {index}/NQ-CP."


def doc_row(index: int, source: str, *, text: str | None = None, drop_reason: str | None = None,
            title: str | None = None, fetched_shift: int = 0, url: str | None = None) -> dict:
    host = SOURCES[source]["url"].rstrip("/")
    text = text if text is not None else article(index)
    row = empty_row()
    url = url or f"{host}/tin-tuc-{index:04d}-10223{index:06d}.htm"
    row.update({
        "id": hashlib.sha256(url.encode()).hexdigest()[:16],
        "text": text, "text_segmented": text.replace("Thủ tướng", "Thủ_tướng"),
        "title": title or f"Chính phủ triển khai nhiệm vụ số {index}",
        "url": url, "source": source,
        "published_at": BASE_TIME + timedelta(days=17 * index),
        "fetched_at": BASE_TIME + timedelta(days=400 + fetched_shift),
        "language_score": 0.98, "n_syllables": len(text.split()),
        "n_words": max(1, len(text.split()) - 5),
        "licence": SOURCES[source]["licence"], "attribution": SOURCES[source]["attribution"],
        "warc_file": f"{source}-20241005T000000Z-00000.warc.gz",
        "warc_record_id": f"<urn:uuid:00000000-0000-0000-0000-{index:012d}>",
        "warc_offset": 1000 * index,
        "raw_sha256": hashlib.sha256(f"raw{index}".encode()).hexdigest(),
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "extractor": "trafilatura-2.0+vicorpus-0.1.0", "pipeline_version": "0.1.0",
        "config_sha256": hashlib.sha256(source.encode()).hexdigest(),
        "pii_redactions": index % 3, "drop_reason": drop_reason,
    })
    return row


def default_rows() -> list[dict]:
    rows = [doc_row(i, "baochinhphu" if i % 3 else "mic") for i in range(1, 13)]
    # Near-duplicate copies of article 2 (same text on another URL): one cluster of 3.
    rows.append(doc_row(2, "baochinhphu", url="https://baochinhphu.vn/ban-in-10223000002.htm"))
    rows.append(doc_row(2, "mic", url="https://mic.gov.vn/tin-tuc/sao-chep-10223000002.htm"))
    rows.append(doc_row(40, "baochinhphu", text="Trang chuyên mục Thời sự", drop_reason="not_article"))
    rows.append(doc_row(41, "mic", text="Liên hệ | Sơ đồ cổng", drop_reason="too_short"))
    rows.append(doc_row(42, "mic", text="ok ok ok", drop_reason="low_quality:symbol_ratio"))
    return rows


def dedup_rows(rows: list[dict]) -> list[dict]:
    """Cluster docs by identical text; the smallest id of each cluster is kept."""
    clusters: dict[str, list[str]] = {}
    for row in rows:
        if row["drop_reason"] is None:
            clusters.setdefault(row["text_sha256"], []).append(row["id"])
    out = []
    for members in clusters.values():
        keeper = min(members)
        out += [{"id": m, "dedup_cluster": keeper, "dedup_cluster_size": len(members),
                 "keep": m == keeper} for m in members]
    return sorted(out, key=lambda r: r["id"])


def make_workdir(root: Path, rows: list[dict] | None = None, crawl_report: bool = True) -> Workdir:
    """Write docs/, dedup/, crawl/sources and (optionally) crawl/report.json under ``root``."""
    rows = default_rows() if rows is None else rows
    workdir = Workdir(Path(root))
    for path in (workdir.docs, workdir.dedup, workdir.crawl / "sources"):
        path.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCS_SCHEMA),
                   workdir.docs / "all-20241005T000000Z-00000.parquet")
    pq.write_table(pa.Table.from_pylist(dedup_rows(rows), schema=DEDUP_SCHEMA), workdir.dedup_file)
    (workdir.dedup / "summary.json").write_text(json.dumps(
        {"method": "minhash-lsh", "threshold": 0.7, "num_perm": 128, "shingle_size": 3}))
    for name, cfg in SOURCES.items():
        snapshot = {"name": name, "start_urls": [cfg["url"]], "allowed_domains": [name], **cfg}
        (workdir.crawl / "sources" / f"{name}.json").write_text(
            json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    if crawl_report:
        workdir.crawl_report.write_text(json.dumps({
            "fetched": len(rows), "by_status": {"200": len(rows)},
            "not_fetched": [{"url": "https://baochinhphu.vn/admin", "source": "baochinhphu",
                             "reason": "robots"}]}))
    return workdir
