"""vicorpus publish against a Hub test double on 127.0.0.1 (tests/hub_server.py).

The real huggingface_hub client publishes, and the real datasets client loads
by tag in a child process whose HF_ENDPOINT points at the double (both read it
when imported). Nothing in the clients is mocked.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import huggingface_hub
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from huggingface_hub import HfApi
from huggingface_hub.utils import RepositoryNotFoundError

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent / "data" / "release"))
from factory import default_rows, doc_row, make_workdir  # noqa: E402
from hub_server import HubServer  # noqa: E402

from corpus_cards import build_release, publish_release  # noqa: E402
from corpus_cards.publish import PublishError  # noqa: E402
from vicorpus.config import ReleaseSettings  # noqa: E402
from vicorpus.errors import UsageError  # noqa: E402

REPO = "vicorpus/vi-gov-news"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> dict[str, Path]:
    """0.1.0 from the default rows; 0.2.0 adds three articles (minor bump, --previous 0.1.0)."""
    tmp = tmp_path_factory.mktemp("releases")
    out = tmp / "releases"
    first = build_release(make_workdir(tmp / "w1"), ReleaseSettings(version="0.1.0", out=out),
                          progress=False)
    rows = default_rows() + [doc_row(i, "mic" if i % 2 else "baochinhphu") for i in (13, 14, 15)]
    second = build_release(make_workdir(tmp / "w2", rows),
                           ReleaseSettings(version="0.2.0", out=out, previous=first), progress=False)
    # Same version number, different data: what a careless rebuild would produce.
    other = build_release(make_workdir(tmp / "w3", default_rows()[:8]),
                          ReleaseSettings(version="0.1.0", out=tmp / "rebuilt"), progress=False)
    return {"0.1.0": first, "0.2.0": second, "rebuilt-0.1.0": other}


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """A started Hub double, with the client online (conftest sets HF_HUB_OFFLINE=1) and no xet."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    # huggingface_hub reads these once at import; the offline flag must be off for this test.
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_DISABLE_XET", True)
    with HubServer() as server:
        yield server
    assert server.unknown_routes == [], f"the clients called routes the double lacks: {server.unknown_routes}"


def publish(hub: HubServer, release: Path, **kw) -> dict:
    kw.setdefault("token", hub.token)
    return publish_release(release, REPO, endpoint=hub.url, **kw)


def child_env(hub: HubServer, tmp: Path, token: str | None) -> dict:
    env = {**os.environ, "HF_ENDPOINT": hub.url, "HF_HUB_OFFLINE": "0", "HF_DATASETS_OFFLINE": "0",
           "HF_HUB_DISABLE_XET": "1", "HF_HOME": str(tmp / "child-hf"),
           "HF_DATASETS_CACHE": str(tmp / "child-datasets"), "HF_HUB_DISABLE_TELEMETRY": "1"}
    env.pop("HF_TOKEN", None)
    if token:
        env["HF_TOKEN"] = token
    return env


LOADER = """
import json, sys
import datasets
import pyarrow.parquet as pq
repo, out = sys.argv[1], sys.argv[2]
for revision in sys.argv[3:]:
    ds = datasets.load_dataset(repo, revision=revision, split="train")
    pq.write_table(ds.data.table, f"{out}/{revision}.parquet")
"""


def load_by_tags(hub: HubServer, tmp: Path, *revisions: str, token: str | None = None) -> dict:
    """Load each revision with datasets.load_dataset through the double -> {revision: table}."""
    out = tmp / "loaded"
    out.mkdir(exist_ok=True)
    result = subprocess.run([sys.executable, "-c", LOADER, REPO, str(out), *revisions],
                            env=child_env(hub, tmp, token or hub.token), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return {rev: pq.read_table(out / f"{rev}.parquet") for rev in revisions}


def local_rows(release: Path) -> list[dict]:
    table = pa.concat_tables(pq.read_table(p) for p in sorted((release / "data").glob("*.parquet")))
    return table.to_pylist()


def release_bytes(release: Path) -> dict[str, bytes]:
    return {p.relative_to(release).as_posix(): p.read_bytes()
            for p in sorted(release.rglob("*")) if p.is_file()}


def test_publish_then_load_by_tag(hub, releases, tmp_path):
    release = releases["0.1.0"]
    summary = publish(hub, release)
    assert summary["status"] == "published" and summary["tag"] == "v0.1.0"
    repo = hub.repo(REPO)
    assert repo.tags == {"v0.1.0": summary["commit"]}
    assert repo.branches["main"] == summary["commit"]
    assert repo.commits[summary["commit"]].title == "Release 0.1.0"
    assert summary["repo_url"].endswith(f"/datasets/{REPO}")
    # The tree at the tag is the release, byte for byte.
    assert hub.files(REPO, "v0.1.0") == release_bytes(release)
    assert hub.repo(REPO).private is False
    loaded = load_by_tags(hub, tmp_path, "v0.1.0")["v0.1.0"]
    rows = local_rows(release)
    assert loaded.num_rows == len(rows) == 12
    assert loaded.to_pylist() == rows
    assert any("Nghị định 13/2023/NĐ-CP" in r["text"] for r in loaded.to_pylist())


def test_same_version_twice_makes_no_new_commit(hub, releases):
    first = publish(hub, releases["0.1.0"])
    commits, uploads = hub.commit_count(REPO), list(hub.lfs_uploads)
    writes_before = [r for r in hub.requests if r[0] in ("POST", "PUT", "DELETE")]
    again = publish(hub, releases["0.1.0"])
    assert again["status"] == "already published"
    assert again["commit"] == first["commit"]
    assert hub.commit_count(REPO) == commits
    assert hub.lfs_uploads == uploads
    writes_after = [r for r in hub.requests if r[0] in ("POST", "PUT", "DELETE")]
    assert writes_after == writes_before, "an already published version must write nothing"


def test_second_release_both_tags_load_their_rows(hub, releases, tmp_path):
    publish(hub, releases["0.1.0"])
    # Something else lands on main between releases: the next release's tree drops it.
    HfApi(endpoint=hub.url, token=hub.token).upload_file(
        path_or_fileobj="Ghi chú nội bộ, không thuộc bản phát hành.\n".encode(),
        path_in_repo="notes/ghi-chu.txt", repo_id=REPO, repo_type="dataset")
    summary = publish(hub, releases["0.2.0"])
    assert summary["status"] == "published" and summary["deleted"] == ["notes/ghi-chu.txt"]
    assert hub.files(REPO, "v0.2.0") == release_bytes(releases["0.2.0"])
    assert hub.files(REPO, "v0.1.0") == release_bytes(releases["0.1.0"])
    assert set(hub.repo(REPO).tags) == {"v0.1.0", "v0.2.0"}
    loaded = load_by_tags(hub, tmp_path, "v0.1.0", "v0.2.0")
    assert loaded["v0.1.0"].to_pylist() == local_rows(releases["0.1.0"])
    assert loaded["v0.2.0"].to_pylist() == local_rows(releases["0.2.0"])
    assert loaded["v0.2.0"].num_rows == loaded["v0.1.0"].num_rows + 3


def test_tag_with_other_content_is_refused(hub, releases):
    publish(hub, releases["0.1.0"])
    commits = hub.commit_count(REPO)
    with pytest.raises(UsageError, match="already has tag v0.1.0 with different content") as err:
        publish(hub, releases["rebuilt-0.1.0"])
    assert "\n" not in str(err.value)
    assert hub.commit_count(REPO) == commits


def test_older_version_after_newer_is_refused(hub, releases):
    publish(hub, releases["0.2.0"])
    with pytest.raises(UsageError, match="already has v0.2.0, newer than 0.1.0"):
        publish(hub, releases["0.1.0"])


def test_failure_before_tag_resumes_without_new_commit(hub, releases):
    hub.fail_next("tag", status=500)
    with pytest.raises(PublishError, match="answered 500") as err:
        publish(hub, releases["0.1.0"])
    assert "\n" not in str(err.value)
    assert hub.repo(REPO).tags == {}
    commits, uploads = hub.commit_count(REPO), list(hub.lfs_uploads)
    summary = publish(hub, releases["0.1.0"])
    assert summary["status"] == "published"
    assert hub.commit_count(REPO) == commits, "main already held the release: tag it, no new commit"
    assert hub.lfs_uploads == uploads
    assert hub.repo(REPO).tags == {"v0.1.0": hub.repo(REPO).branches["main"]}


def test_failed_commit_resumes_without_reuploading_lfs(hub, releases):
    hub.fail_next("commit", status=503)
    with pytest.raises(PublishError):
        publish(hub, releases["0.1.0"])
    uploaded = list(hub.lfs_uploads)
    assert len(uploaded) == 1  # the parquet shard reached storage before the commit failed
    summary = publish(hub, releases["0.1.0"])
    assert summary["status"] == "published"
    assert hub.lfs_uploads == uploaded, "LFS objects already uploaded are not sent again"
    assert hub.files(REPO, "v0.1.0") == release_bytes(releases["0.1.0"])


def test_dry_run_touches_nothing(hub, releases):
    release = releases["0.1.0"]
    summary = publish(hub, release, dry_run=True)
    assert summary["status"] == "dry-run" and summary["commit"] is None
    assert summary["tag"] == "v0.1.0" and summary["repo_id"] == REPO
    sizes = {path: len(data) for path, data in release_bytes(release).items()}
    assert {f["path"]: f["bytes"] for f in summary["upload"]} == sizes
    assert summary["bytes"] == sum(sizes.values()) and summary["files"] == len(sizes)
    assert hub.requests == [] and hub.repos == {}


def test_private_repo_is_not_readable_without_token(hub, releases, tmp_path):
    publish(hub, releases["0.1.0"], private=True)
    assert hub.repo(REPO).private is True
    anonymous = HfApi(endpoint=hub.url, token=False)
    with pytest.raises(RepositoryNotFoundError):
        anonymous.repo_info(REPO, repo_type="dataset")
    with pytest.raises(RepositoryNotFoundError):
        anonymous.list_repo_refs(REPO, repo_type="dataset")
    assert HfApi(endpoint=hub.url, token=hub.token).repo_info(REPO, repo_type="dataset").private
    loaded = load_by_tags(hub, tmp_path, "v0.1.0")["v0.1.0"]
    assert loaded.to_pylist() == local_rows(releases["0.1.0"])


def test_bad_token_is_one_clean_line(hub, releases):
    with pytest.raises(UsageError, match=r"rejected the token \(401 Unauthorized\)") as err:
        publish(hub, releases["0.1.0"], token="hf_not_the_right_token")
    assert "\n" not in str(err.value)
    assert hub.repos == {}


def test_no_token_is_one_clean_line(hub, releases):
    with pytest.raises(UsageError, match="needs a token with write access"):
        publish_release(releases["0.1.0"], REPO, endpoint=hub.url)
    assert hub.repos == {}


def test_unreachable_endpoint_is_one_clean_line(releases):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(PublishError, match=f"cannot reach the Hub at http://127.0.0.1:{port}") as err:
        publish_release(releases["0.1.0"], REPO, endpoint=f"http://127.0.0.1:{port}", token="x")
    assert "\n" not in str(err.value)


def test_endpoint_and_token_from_environment(hub, releases, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    monkeypatch.setenv("HF_TOKEN", hub.token)
    summary = publish_release(releases["0.1.0"], REPO)
    assert summary["status"] == "published" and summary["endpoint"] == hub.url


def test_missing_or_broken_release_is_refused(hub, releases, tmp_path):
    with pytest.raises(UsageError, match="release not found"):
        publish(hub, tmp_path / "releases" / "9.9.9")
    broken = tmp_path / "0.1.0"
    broken.mkdir()
    for path, data in release_bytes(releases["0.1.0"]).items():
        (broken / path).parent.mkdir(parents=True, exist_ok=True)
        (broken / path).write_bytes(data)
    (broken / "stats.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="does not verify: stats.json: sha256 mismatch"):
        publish(hub, broken)
    assert hub.requests == []


def run_cli(hub: HubServer, tmp: Path, *args: str, token: str | None = None):
    return subprocess.run([sys.executable, "-m", "vicorpus.cli", "publish", *args],
                          env=child_env(hub, tmp, token), capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_cli_publish_twice_and_errors(hub, releases, tmp_path):
    release = str(releases["0.1.0"])
    first = run_cli(hub, tmp_path, release, "--repo-id", REPO, "--endpoint", hub.url, token=hub.token)
    assert first.returncode == 0, first.stderr
    assert f"published: {REPO} v0.1.0" in first.stderr
    assert "v0.1.0" in hub.repo(REPO).tags
    second = run_cli(hub, tmp_path, release, "--repo-id", REPO, "--endpoint", hub.url, token=hub.token)
    assert second.returncode == 0, second.stderr
    assert "already published" in second.stderr
    assert hub.commit_count(REPO) == 2  # the Hub's initial commit + Release 0.1.0

    missing = run_cli(hub, tmp_path, str(tmp_path / "nope" / "0.3.0"), "--repo-id", REPO,
                      "--endpoint", hub.url, token=hub.token)
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"vicorpus: error: release not found: "
                                                   f"{tmp_path / 'nope' / '0.3.0'}"]

    bad = run_cli(hub, tmp_path, str(releases["0.2.0"]), "--repo-id", REPO, "--endpoint", hub.url,
                  "--token", "hf_wrong")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and "rejected the token" in bad.stderr

    dry = run_cli(hub, tmp_path, str(releases["0.2.0"]), "--repo-id", REPO, "--dry-run",
                  "--endpoint", hub.url, token=hub.token)
    assert dry.returncode == 0 and "would upload" in dry.stderr
    assert set(hub.repo(REPO).tags) == {"v0.1.0"}


STREAM_AND_FS = """
import json, sys
import datasets
from huggingface_hub import HfFileSystem, snapshot_download
repo, tag = sys.argv[1], sys.argv[2]
streamed = [row["id"] for row in datasets.load_dataset(repo, revision=tag, split="train", streaming=True)]
fs = HfFileSystem()
listing = sorted(fs.ls(f"datasets/{repo}@{tag}/data", detail=False))
with fs.open(f"datasets/{repo}@{tag}/CHECKSUMS.sha256", "rb") as f:
    checksums = f.read().decode()
snapshot = snapshot_download(repo, repo_type="dataset", revision=tag)
print(json.dumps({"streamed": streamed, "listing": listing, "checksums": checksums,
                  "snapshot": snapshot}))
"""


def test_a_self_hosted_endpoint_is_published_to_without_xet_by_default(hub, releases, tmp_path):
    """The installed client uploads through Xet storage when hf_xet is present; a Hub-compatible
    server without it must still work with no variable set (the acceptance run's 404 on
    /xet-write-token)."""
    env = child_env(hub, tmp_path, hub.token)
    del env["HF_HUB_DISABLE_XET"]
    done = subprocess.run([sys.executable, "-m", "vicorpus.cli", "publish", str(releases["0.1.0"]),
                           "--repo-id", REPO, "--endpoint", hub.url], env=env, capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "v0.1.0" in hub.repo(REPO).tags


def test_streaming_filesystem_and_snapshot_read_a_tag(hub, releases, tmp_path):
    release = releases["0.2.0"]
    publish(hub, release)
    result = subprocess.run([sys.executable, "-c", STREAM_AND_FS, REPO, "v0.2.0"],
                            env=child_env(hub, tmp_path, hub.token), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["streamed"] == [row["id"] for row in local_rows(release)]  # ranged reads (206)
    assert seen["listing"] == [f"datasets/{REPO}@v0.2.0/data/train-00000-of-00001.parquet"]
    assert seen["checksums"] == (release / "CHECKSUMS.sha256").read_text(encoding="utf-8")
    snapshot = Path(seen["snapshot"])
    assert {p: d for p, d in release_bytes(snapshot).items() if p != ".gitattributes"} \
        == release_bytes(release)


def test_private_flag_never_uploads_into_a_public_repo(hub, releases):
    publish(hub, releases["0.1.0"])
    commits = hub.commit_count(REPO)
    with pytest.raises(UsageError, match="exists and is public; --private applies only"):
        publish(hub, releases["0.2.0"], private=True)
    assert hub.commit_count(REPO) == commits and "v0.2.0" not in hub.repo(REPO).tags


def test_failed_lfs_upload_is_one_line_and_resumes(hub, releases):
    hub.fail_next("lfs-upload", status=400, times=1)  # 5xx would be retried by the client itself
    with pytest.raises(PublishError, match="answered 400") as err:
        publish(hub, releases["0.1.0"])
    assert "\n" not in str(err.value)
    assert hub.lfs_uploads == [] and hub.repo(REPO).tags == {}
    assert publish(hub, releases["0.1.0"])["status"] == "published"


def test_a_pipeline_publish_section_publishes_the_new_release(hub, releases, monkeypatch):
    """`vicorpus run` with `publish:` ends with `vicorpus publish` (token from $HF_TOKEN)."""
    from vicorpus.config import PipelineConfig, PublishSettings
    from vicorpus.pipeline import publish_stage

    monkeypatch.setenv("HF_TOKEN", hub.token)
    config = PipelineConfig(workdir=Path("w"), sources=["baochinhphu"],
                            publish=PublishSettings(repo_id=REPO, endpoint=hub.url))
    result = publish_stage(releases["0.1.0"], config)
    assert result["status"] == "published" and result["tag"] == "v0.1.0"
    assert publish_stage(releases["0.1.0"], config)["status"] == "already published"


def test_no_progress_silences_the_hub_clients_upload_bars(hub, releases, tmp_path):
    """`--no-progress` means no bars, the Hub client's included (a log of a run held 107)."""
    shown = run_cli(hub, tmp_path, str(releases["0.1.0"]), "--repo-id", "vicorpus/bars-shown",
                    "--endpoint", hub.url, token=hub.token)
    quiet = run_cli(hub, tmp_path, str(releases["0.1.0"]), "--repo-id", "vicorpus/bars-quiet",
                    "--endpoint", hub.url, "--no-progress", token=hub.token)
    assert shown.returncode == 0 and quiet.returncode == 0, quiet.stderr
    assert "%|" in shown.stderr  # tqdm's bar
    assert "%|" not in quiet.stderr and "published: vicorpus/bars-quiet v0.1.0" in quiet.stderr
