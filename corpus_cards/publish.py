"""publish_release: upload a verified release to a Hugging Face dataset repo, tagged vX.Y.Z.

One release = one commit on ``main`` ("Release X.Y.Z") whose tree is exactly the
release directory (files of the previous release that are not in this one are
deleted; the Hub's own ``.gitattributes`` is kept so LFS keeps working), then a
tag ``vX.Y.Z`` on that commit. Old versions stay loadable by tag::

    datasets.load_dataset("OWNER/NAME", revision="v0.1.0", split="train")

Idempotent and resumable:

* tag already there with the same CHECKSUMS.sha256 and file list -> nothing to do;
* tag there with other content -> refused (a published version never changes);
* a run that failed before tagging is simply run again: LFS objects already
  uploaded are skipped by the Hub, and a ``main`` that already holds the release
  is tagged without a new commit.

Endpoint and token come from the arguments, else ``HF_ENDPOINT`` / ``HF_TOKEN``
(else huggingface.co and the saved ``hf auth login`` token). Works with
huggingface_hub >= 0.26.

Example::

    >>> publish_release(Path("releases/0.1.0"), "vicorpus/vi-gov-news", dry_run=True)  # doctest: +SKIP
    {'status': 'dry-run', 'repo_id': 'vicorpus/vi-gov-news', 'tag': 'v0.1.0', ...}
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from corpus_cards.release import CHECKSUMS
from corpus_cards.verify import verify_release
from corpus_cards.versioning import parse_version
from vicorpus.errors import UsageError

DEFAULT_ENDPOINT = "https://huggingface.co"
KEEP_REMOTE = {".gitattributes"}  # Hub housekeeping, not release content


class PublishError(Exception):
    """The Hub failed or could not be reached: one line, shown as is (exit code 1).

    >>> str(PublishError("cannot reach the Hub at http://127.0.0.1:9"))
    'cannot reach the Hub at http://127.0.0.1:9'
    """


def release_files(release_dir: Path) -> list[tuple[str, int]]:
    """(path in repo, bytes) of every file of the release, sorted.

    >>> release_files(Path("/nonexistent"))
    []
    """
    root = Path(release_dir)
    return sorted((p.relative_to(root).as_posix(), p.stat().st_size)
                  for p in root.rglob("*") if p.is_file())


def publish_release(release_dir: Path, repo_id: str, *, endpoint: str | None = None,
                    token: str | None = None, private: bool = False,
                    dry_run: bool = False, progress: bool = True) -> dict:
    """Publish ``release_dir`` (RELEASES/X.Y.Z) to dataset repo ``repo_id``; return a summary.
    ``progress=False`` silences the Hub client's upload bars (``--no-progress``).

    The summary has ``status`` ("published", "already published" or "dry-run"),
    ``repo_id``, ``repo_url``, ``tag``, ``commit`` (None for a dry run), ``files`` and ``bytes``.
    """
    root = Path(release_dir)
    if not root.is_dir():
        raise UsageError(f"release not found: {root}")
    version = root.name
    try:
        parse_version(version)
    except UsageError:
        raise UsageError(f"{root} is not a release directory RELEASES/X.Y.Z") from None
    if repo_id.count("/") != 1 or not all(repo_id.split("/")):
        raise UsageError(f"--repo-id must be OWNER/NAME, not {repo_id!r}")
    problems = verify_release(root)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UsageError(f"release {root} does not verify: {problems[0]}{more}; "
                         f"see `vicorpus verify {root}`")
    endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
    token = token or os.environ.get("HF_TOKEN") or None
    tag = f"v{version}"
    files = release_files(root)
    summary = {"repo_id": repo_id, "repo_url": f"{endpoint}/datasets/{repo_id}", "tag": tag,
               "endpoint": endpoint, "files": len(files), "bytes": sum(n for _, n in files)}
    if dry_run:  # no request at all: a dry run works offline and cannot change anything
        return {"status": "dry-run", **summary, "commit": None, "private": private,
                "upload": [{"path": p, "bytes": n} for p, n in files]}
    try:
        with _xet_only_on_the_hub(endpoint), _hub_progress(progress):
            return {**summary, **_publish(root, repo_id, version, tag, files, endpoint, token, private)}
    except (UsageError, PublishError):
        raise
    except Exception as exc:  # noqa: BLE001 - every Hub/network failure becomes one line
        raise _explain(exc, endpoint, repo_id, token) from None


@contextlib.contextmanager
def _hub_progress(shown: bool):
    """The Hub client's progress bars as asked, restored after."""
    from huggingface_hub.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    before = are_progress_bars_disabled()
    if not shown:
        disable_progress_bars()
    try:
        yield
    finally:
        if not before and not shown:
            enable_progress_bars()


@contextlib.contextmanager
def _xet_only_on_the_hub(endpoint: str):
    """Upload plainly (no Xet) to an endpoint other than huggingface.co, unless
    ``HF_HUB_DISABLE_XET`` says otherwise: self-hosted Hub-compatible servers seldom offer
    the Xet storage the installed client would otherwise use for every file."""
    import huggingface_hub.constants as hub_constants

    before = hub_constants.HF_HUB_DISABLE_XET
    if endpoint != DEFAULT_ENDPOINT and "HF_HUB_DISABLE_XET" not in os.environ:
        hub_constants.HF_HUB_DISABLE_XET = True
    try:
        yield
    finally:
        hub_constants.HF_HUB_DISABLE_XET = before


def _publish(root: Path, repo_id: str, version: str, tag: str, files: list[tuple[str, int]],
             endpoint: str, token: str | None, private: bool) -> dict:
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi
    from huggingface_hub.utils import RepositoryNotFoundError

    from vicorpus import __version__

    api = HfApi(endpoint=endpoint, token=token, library_name="vicorpus",
                library_version=__version__)
    try:
        refs = api.list_repo_refs(repo_id, repo_type="dataset")
    except RepositoryNotFoundError:
        refs = None
    if refs is not None:
        tags = {ref.name: ref.target_commit for ref in refs.tags}
        if tag in tags:
            _check_same_release(api, root, repo_id, tag, files)
            return {"status": "already published", "commit": tags[tag]}
        newer = sorted(t for t in tags if _tag_version(t) and _tag_version(t) > parse_version(version))
        if newer:
            raise UsageError(f"{repo_id} already has {newer[-1]}, newer than {version}; "
                             "main must hold the newest release, publish a higher version")
    repo_url = f"{endpoint}/datasets/{repo_id}"
    if refs is None:  # only create when missing: some Hub-compatible servers answer 409 bare
        repo_url = str(api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True))
    elif private and not api.repo_info(repo_id, repo_type="dataset").private:
        # --private only applies at creation; never upload "private" data into a public repo.
        raise UsageError(f"{repo_id} exists and is public; --private applies only when the repo is "
                         "created (change its visibility on the Hub, or drop --private)")
    head = _branch_head(api, repo_id, "main")
    remote = set(api.list_repo_files(repo_id, repo_type="dataset", revision="main")) if head else set()
    local = {path for path, _ in files}
    operations = [CommitOperationAdd(path_in_repo=path, path_or_fileobj=str(root / path))
                  for path in sorted(local)]
    operations += [CommitOperationDelete(path_in_repo=path)
                   for path in sorted(remote - local - KEEP_REMOTE)]
    checksums_sha = _sha256(root / CHECKSUMS)
    info = api.create_commit(
        repo_id, operations, repo_type="dataset", revision="main", parent_commit=head,
        commit_message=f"Release {version}",
        commit_description=(f"vicorpus release {version}: {len(files)} files, "
                            f"{sum(n for _, n in files)} bytes; sha256 of {CHECKSUMS}: {checksums_sha}"),
    )
    try:
        api.create_tag(repo_id, tag=tag, revision=info.oid, repo_type="dataset",
                       tag_message=f"Release {version}")
    except Exception as exc:  # noqa: BLE001 - a concurrent run may have tagged it meanwhile
        if getattr(getattr(exc, "response", None), "status_code", None) != 409:
            raise
        _check_same_release(api, root, repo_id, tag, files)
    return {"status": "published", "commit": info.oid, "repo_url": repo_url,
            "deleted": sorted(remote - local - KEEP_REMOTE)}


def _check_same_release(api, root: Path, repo_id: str, tag: str,
                        files: list[tuple[str, int]]) -> None:
    """The tree at ``tag`` is this release (same files, same CHECKSUMS.sha256), or refuse."""
    from huggingface_hub import hf_hub_download

    remote = set(api.list_repo_files(repo_id, repo_type="dataset", revision=tag)) - KEEP_REMOTE
    same = remote == {path for path, _ in files}
    if same:
        # A private temporary cache: the check must not leave files in the user's HF cache.
        with tempfile.TemporaryDirectory(prefix="vicorpus-publish-") as cache:
            path = hf_hub_download(repo_id, CHECKSUMS, repo_type="dataset", revision=tag,
                                   cache_dir=cache, endpoint=api.endpoint, token=api.token)
            same = Path(path).read_bytes() == (root / CHECKSUMS).read_bytes()
    if not same:
        raise UsageError(f"{repo_id} already has tag {tag} with different content; "
                         "a published version never changes, release a new version")


def _branch_head(api, repo_id: str, branch: str) -> str | None:
    refs = api.list_repo_refs(repo_id, repo_type="dataset")
    return next((ref.target_commit for ref in refs.branches if ref.name == branch), None)


def _tag_version(tag: str) -> tuple[int, int, int] | None:
    try:
        return parse_version(tag[1:]) if tag.startswith("v") else None
    except UsageError:
        return None


def _sha256(path: Path) -> str:
    from corpus_cards.release import sha256_file

    return sha256_file(path)


def _explain(exc: Exception, endpoint: str, repo_id: str, token: str | None) -> Exception:
    """A Hub or network exception -> UsageError (fix your input) or PublishError (try again)."""
    # The client wraps some failures (e.g. an LFS upload) in RuntimeError: find the HTTP cause.
    cause = exc
    while cause is not None and getattr(cause, "response", None) is None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    exc = cause or exc
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if status is not None:
        headers = getattr(response, "headers", {}) or {}
        server = (headers.get("X-Error-Message") or "").strip()
        if status == 401 and (token or "Invalid credentials" in server):
            return UsageError(f"the Hub at {endpoint} rejected the token (401 Unauthorized); "
                              "check --token or HF_TOKEN")
        if status == 401:
            return UsageError(f"the Hub at {endpoint} needs a token with write access to {repo_id}; "
                              "pass --token or set HF_TOKEN")
        if status == 403:
            return UsageError(f"the token may not write to {repo_id} on {endpoint} (403 Forbidden)")
        if status == 412:
            return PublishError(f"{repo_id} main changed while publishing; run publish again")
        detail = server or (str(exc).strip().splitlines() or [""])[0]
        return PublishError(f"the Hub at {endpoint} answered {status}: {detail}")
    names = {cls.__name__ for cls in type(exc).__mro__}
    first = (str(exc).strip().splitlines() or [""])[0]
    if "xet" in first.lower():  # the client's Xet storage, which this server does not offer
        return PublishError(f"the Hub at {endpoint} does not take Xet uploads ({first[:200]}); "
                            "set HF_HUB_DISABLE_XET=1 and run publish again")
    if isinstance(exc, OSError) or names & {"ConnectError", "ConnectionError", "TransportError",
                                            "TimeoutException", "Timeout", "NetworkError"}:
        return PublishError(f"cannot reach the Hub at {endpoint}: "
                            f"{(str(exc).strip().splitlines() or [type(exc).__name__])[0]}; "
                            "check --endpoint / HF_ENDPOINT and run publish again (it resumes)")
    return PublishError(f"publishing to {endpoint} failed: {type(exc).__name__}: {first}; "
                        "run publish again (it resumes)")
