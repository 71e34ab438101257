"""Build crawler-format WARC files (WARC/1.1, gzip) for the extract stage tests."""

from __future__ import annotations

import gzip
import io
import zlib
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vicorpus.config import SourceConfig

PAGES = Path(__file__).resolve().parent / "pages"

SOURCE = SourceConfig(
    name="demo",
    title="Cổng thông tin điện tử tỉnh mẫu",
    start_urls=["http://127.0.0.1:8000/"],
    allowed_domains=["127.0.0.1"],
    licence="Ghi rõ nguồn khi phát hành lại",
    attribution="Nguồn: Cổng thông tin điện tử tỉnh mẫu",
    allow_private_network=True,
)
BASE = "http://127.0.0.1:8000"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def write_warc(path: Path, responses: list[dict], source: SourceConfig | None = SOURCE, *,
               compress: bool = True) -> Path:
    """Write a warcinfo record then request, response (and metadata) records per item, in
    Common Crawl's order; ``compress=False`` writes an uncompressed ``.warc``.

    Each item: url, status, body (bytes), optional content_type, date, gzip (bool: the body
    Content-Encoding gzip) or encoding (gzip, deflate, br), discovery (dict: a metadata record with these fields).
    ``source=None`` writes a warcinfo without vicorpus fields (a foreign WARC).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=compress, warc_version="WARC/1.1")
        fields = {"software": "other-crawler/1.0"} if source is None else {
            "software": "vicorpus-tests",
            "format": "WARC File Format 1.1",
            "vicorpus-source": source.name,
            "vicorpus-config-sha256": source.sha256(),
            "vicorpus-source-config": json.dumps(source.model_dump(mode="json"), ensure_ascii=False),
        }
        info = writer.create_warcinfo_record(path.name, fields)
        writer.write_record(info)
        info_id = info.rec_headers.get_header("WARC-Record-ID")
        for item in responses:
            date = item.get("date", "2026-01-12T07:30:00Z")
            request = writer.create_warc_record(
                item["url"], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": info_id})
            writer.write_record(request)
            body = item["body"]
            headers = [("Content-Type", item.get("content_type", "text/html; charset=utf-8"))]
            encoding = "gzip" if item.get("gzip") else item.get("encoding")
            if encoding == "gzip":
                body = gzip.compress(body, mtime=0)  # same bytes every build
            elif encoding == "deflate":  # raw deflate, as some servers send it
                body = zlib.compress(body)[2:-4]
            elif encoding == "br":
                import brotli

                body = brotli.compress(body)
            if encoding:
                headers.append(("Content-Encoding", encoding))
            headers.append(("Content-Length", str(len(body))))
            status = item["status"]
            http = StatusAndHeaders(f"{status} {'OK' if status < 300 else 'X'}", headers, protocol="HTTP/1.1")
            response = writer.create_warc_record(
                item["url"], "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": info_id})
            writer.write_record(response)
            if item.get("discovery"):
                blob = "".join(f"{k}: {v}\r\n" for k, v in item["discovery"].items()).encode("utf-8")
                writer.write_record(writer.create_warc_record(
                    item["url"], "metadata", payload=io.BytesIO(blob), warc_content_type="application/warc-fields",
                    warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To":
                                       response.rec_headers.get_header("WARC-Record-ID")}))
    return path
