"""A small Hugging Face Hub test double: the real huggingface_hub and datasets clients talk to it.

Runs a stdlib ThreadingHTTPServer on 127.0.0.1 (random port) with an in-memory
store of repos, commits, branches, tags and LFS objects. It implements only the
routes the clients actually call for publishing and loading a dataset (found by
reading huggingface_hub's hf_api.py, _commit_api.py, lfs.py, file_download.py
and hf_file_system.py); any other route answers 404 and is recorded in
``server.unknown_routes`` so a test can see what is missing.

Auth works like the Hub: writes need ``Authorization: Bearer <server.token>``;
a wrong token is a 401 "Invalid credentials in Authorization header"; a private
repo is invisible (401/404 RepoNotFound) without the token.

Example::

    with HubServer() as hub:
        api = HfApi(endpoint=hub.url, token=hub.token)
        api.create_repo("vicorpus/demo", repo_type="dataset")
        api.upload_file(path_or_fileobj=b"xin chao", path_in_repo="a.txt",
                        repo_id="vicorpus/demo", repo_type="dataset")
        assert hub.files("vicorpus/demo") == {"a.txt": b"xin chao"}
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

log = logging.getLogger("hub_server")

REPO_TYPES = {"models": "model", "datasets": "dataset", "spaces": "space"}
URL_PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}
# Stored as LFS like the Hub's default .gitattributes (binary data formats) or when large.
LFS_SUFFIXES = (".parquet", ".arrow", ".bin", ".safetensors", ".gz", ".zip", ".zst", ".tar")
LFS_MIN_SIZE = 10 * 1024 * 1024
GITATTRIBUTES = (b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
                 b"*.arrow filter=lfs diff=lfs merge=lfs -text\n")


def git_blob_oid(content: bytes) -> str:
    """Git's blob id: sha1 of ``blob <len>\\0<content>``."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def lfs_pointer(sha256: str, size: int) -> bytes:
    return (f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\n"
            f"size {size}\n").encode()


@dataclass(frozen=True)
class Entry:
    """One file in a tree: content lives in the server's blob store under ``sha256``."""

    sha256: str
    size: int
    lfs: bool
    oid: str  # git blob id (of the pointer file for LFS entries)


@dataclass
class Commit:
    oid: str
    parent: str | None
    tree: dict[str, Entry]
    title: str
    message: str
    date: str


@dataclass
class Repo:
    repo_type: str
    repo_id: str
    private: bool
    created_at: str
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)


class HubError(Exception):
    """An HTTP error answer: status, message and the Hub's X-Error-Code."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict | None = None,
                 extra: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code
        self.headers, self.extra = headers or {}, extra or {}


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class HubServer:
    """The Hub double; ``url``, ``token``, ``start()``/``stop()`` or use as a context manager."""

    def __init__(self, token: str = "hf_test_token_0123456789", user: str = "vicorpus"):
        self.token, self.user = token, user
        self.repos: dict[tuple[str, str], Repo] = {}
        self.blobs: dict[str, bytes] = {}       # sha256 -> content (regular and LFS files)
        self.lfs_objects: set[str] = set()      # sha256 of LFS objects uploaded
        self.lfs_uploads: list[str] = []        # sha256 of every LFS PUT received
        self.requests: list[tuple[str, str, int]] = []
        self.unknown_routes: list[tuple[str, str]] = []
        self.failures: dict[str, list[int]] = {}  # route kind -> statuses to answer next
        self._lock = threading.RLock()
        self._secret = hashlib.sha256(token.encode() + b"lfs").digest()
        self._counter = 0
        self._httpd: http.server.ThreadingHTTPServer | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> "HubServer":
        handler = type("Handler", (_Handler,), {"hub": self})
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "HubServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    # -- inspection helpers for tests ------------------------------------------------------
    def fail_next(self, kind: str, status: int = 500, times: int = 1) -> None:
        """Answer the next ``times`` requests of ``kind`` (commit, tag, lfs-upload, ...) with ``status``."""
        self.failures.setdefault(kind, []).extend([status] * times)

    def repo(self, repo_id: str, repo_type: str = "dataset") -> Repo:
        return self.repos[(repo_type, repo_id)]

    def commit_count(self, repo_id: str, repo_type: str = "dataset") -> int:
        return len(self.repo(repo_id, repo_type).commits)

    def files(self, repo_id: str, revision: str = "main", repo_type: str = "dataset") -> dict[str, bytes]:
        """Path -> content of every file at ``revision`` (.gitattributes left out)."""
        with self._lock:
            repo = self.repo(repo_id, repo_type)
            tree = repo.commits[self._resolve(repo, revision)].tree
            return {p: self.blobs[e.sha256] for p, e in tree.items() if p != ".gitattributes"}

    # -- store operations ------------------------------------------------------------------
    def _new_commit(self, repo: Repo, parent: str | None, tree: dict[str, Entry], title: str,
                    message: str = "") -> Commit:
        self._counter += 1
        oid = hashlib.sha1(f"{repo.repo_id}|{parent}|{title}|{self._counter}|{sorted(tree.items())}"
                           .encode()).hexdigest()
        commit = Commit(oid, parent, tree, title, message, _now())
        repo.commits[oid] = commit
        return commit

    def _store(self, content: bytes, lfs: bool) -> Entry:
        sha = hashlib.sha256(content).hexdigest()
        self.blobs[sha] = content
        oid = git_blob_oid(lfs_pointer(sha, len(content)) if lfs else content)
        return Entry(sha, len(content), lfs, oid)

    def _resolve(self, repo: Repo, revision: str) -> str:
        """Branch, tag, refs/heads/x, refs/tags/x or a full commit id -> commit id."""
        rev = unquote(revision)
        for prefix, refs in (("refs/heads/", repo.branches), ("refs/tags/", repo.tags)):
            if rev.startswith(prefix) and rev[len(prefix):] in refs:
                return refs[rev[len(prefix):]]
        if rev in repo.branches:
            return repo.branches[rev]
        if rev in repo.tags:
            return repo.tags[rev]
        if rev in repo.commits:
            return rev
        raise HubError(404, f"Invalid rev id: {rev}", "RevisionNotFound")

    def _create_repo(self, repo_type: str, repo_id: str, private: bool) -> Repo:
        repo = Repo(repo_type, repo_id, private, _now())
        initial = self._new_commit(repo, None, {".gitattributes": self._store(GITATTRIBUTES, False)},
                                   "initial commit")
        repo.branches["main"] = initial.oid
        self.repos[(repo_type, repo_id)] = repo
        return repo

    def _is_lfs(self, path: str, size: int, sample: bytes) -> bool:
        return path.endswith(LFS_SUFFIXES) or size >= LFS_MIN_SIZE or b"\0" in sample

    def _sign(self, oid: str) -> str:
        return hmac.new(self._secret, oid.encode(), "sha256").hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes one request to the HubServer's store; every answer has a Content-Length."""

    hub: HubServer
    protocol_version = "HTTP/1.1"
    server_version = "vicorpus-hub-double/1"

    def log_message(self, fmt, *args):  # quiet; requests are recorded in hub.requests
        log.debug(fmt, *args)

    def do_GET(self):
        self._dispatch("GET")

    def do_HEAD(self):
        self._dispatch("HEAD")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    # -- plumbing ---------------------------------------------------------------------------
    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None,
              content_type: str = "application/json") -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", content_type)
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _json(self, payload, status: int = 200, headers: dict | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), headers)

    def _auth(self) -> str:
        """'none', 'valid' or 'invalid' (a wrong token is always refused, as on the Hub)."""
        header = self.headers.get("Authorization", "")
        if not header:
            return "none"
        scheme, _, value = header.partition(" ")
        return "valid" if scheme.lower() == "bearer" and value == self.hub.token else "invalid"

    def _dispatch(self, method: str) -> None:
        split = urlsplit(self.path)
        segments = [unquote(s) for s in split.path.split("/")[1:]]
        query = parse_qs(split.query)
        status = 500
        try:
            body = self._read_body()
            if self._auth() == "invalid":
                raise HubError(401, "Invalid credentials in Authorization header",
                               headers={"X-Error-Message": "Invalid credentials in Authorization header"})
            route = self._route(method, segments)
            if route is None:
                self.hub.unknown_routes.append((method, self.path))
                log.warning("hub double: no route for %s %s", method, self.path)
                raise HubError(404, f"no route for {method} {split.path}")
            kind, handler, args = route
            queued = self.hub.failures.get(kind)
            if queued:
                raise HubError(queued.pop(0), f"injected failure for {kind}")
            with self.hub._lock:
                status = handler(*args, body=body, query=query) or 200
        except HubError as err:
            status = err.status
            headers = dict(err.headers)
            if err.code:
                headers["X-Error-Code"] = err.code
            headers.setdefault("X-Error-Message", err.message)
            self._json({"error": err.message, **err.extra}, err.status, headers)
        except Exception as exc:  # noqa: BLE001 - a server bug must answer, not hang the client
            log.exception("hub double crashed on %s %s", method, self.path)
            self._json({"error": f"internal error: {exc}"}, 500)
        finally:
            self.hub.requests.append((method, self.path, status))

    def _route(self, method: str, seg: list[str]):
        """(failure kind, handler, args) for a request, or None."""
        if seg[:1] == ["api"]:
            rest = seg[1:]
            if method == "POST" and rest == ["repos", "create"]:
                return "create-repo", self.create_repo, ()
            if method == "GET" and rest in (["whoami-v2"], ["whoami"]):
                return "whoami", self.whoami, ()
            if method == "GET" and rest == ["agent-harnesses"]:  # client telemetry registry
                return "agent-harnesses", self.agent_harnesses, ()
            if method == "POST" and rest == ["validate-yaml"]:
                return "validate-yaml", self.validate_yaml, ()
            if len(rest) >= 3 and rest[0] in REPO_TYPES:
                repo_key = (REPO_TYPES[rest[0]], f"{rest[1]}/{rest[2]}")
                return self._repo_route(method, repo_key, rest[3:])
            return None
        if seg[:2] == ["_lfs", "upload"] and method == "PUT" and len(seg) == 3:
            return "lfs-upload", self.lfs_put, (seg[2],)
        if seg[:2] == ["_lfs", "verify"] and method == "POST" and len(seg) == 3:
            return "lfs-verify", self.lfs_verify, (seg[2],)
        repo_type = "model"
        if seg and seg[0] in ("datasets", "spaces"):
            repo_type, seg = REPO_TYPES[seg[0]], seg[1:]
        if len(seg) >= 4 and seg[2] == "resolve" and method in ("GET", "HEAD"):
            return "resolve", self.resolve, ((repo_type, f"{seg[0]}/{seg[1]}"), seg[3],
                                             "/".join(seg[4:]))
        if (method == "POST" and len(seg) == 6 and seg[1].endswith(".git")
                and seg[2:] == ["info", "lfs", "objects", "batch"]):
            return "lfs-batch", self.lfs_batch, ((repo_type, f"{seg[0]}/{seg[1][:-4]}"),)
        return None

    def _repo_route(self, method: str, key: tuple[str, str], rest: list[str]):
        if method == "GET" and not rest:
            return "info", self.repo_info, (key, None)
        if method == "GET" and len(rest) == 2 and rest[0] == "revision":
            return "info", self.repo_info, (key, rest[1])
        if method == "GET" and rest == ["refs"]:
            return "refs", self.refs, (key,)
        if method == "GET" and len(rest) >= 2 and rest[0] == "tree":
            return "tree", self.tree, (key, rest[1], "/".join(rest[2:]))
        if method == "POST" and len(rest) == 2 and rest[0] == "paths-info":
            return "paths-info", self.paths_info, (key, rest[1])
        if method == "GET" and len(rest) == 2 and rest[0] == "commits":
            return "commits", self.commits, (key, rest[1])
        if method == "POST" and len(rest) == 2 and rest[0] == "preupload":
            return "preupload", self.preupload, (key, rest[1])
        if method == "POST" and len(rest) == 2 and rest[0] == "commit":
            return "commit", self.commit, (key, rest[1])
        if method == "POST" and len(rest) == 2 and rest[0] == "tag":
            return "tag", self.create_tag, (key, rest[1])
        if method == "DELETE" and len(rest) == 2 and rest[0] == "tag":
            return "tag", self.delete_tag, (key, rest[1])
        if method == "POST" and len(rest) == 2 and rest[0] == "branch":
            return "branch", self.create_branch, (key, rest[1])
        return None

    # -- access ---------------------------------------------------------------------------
    def _readable(self, key: tuple[str, str]) -> Repo:
        repo = self.hub.repos.get(key)
        if repo is None or (repo.private and self._auth() != "valid"):
            status = 401 if self._auth() == "none" else 404
            raise HubError(status, "Repository not found", "RepoNotFound")
        return repo

    def _writable(self, key: tuple[str, str]) -> Repo:
        if self._auth() != "valid":
            raise HubError(401, "You must be authenticated to write to a repository")
        return self._readable(key)

    # -- routes -----------------------------------------------------------------------------
    def whoami(self, body, query):
        if self._auth() != "valid":
            raise HubError(401, "Invalid username or password.")
        self._json({"type": "user", "name": self.hub.user, "auth": {"type": "access_token",
                    "accessToken": {"displayName": "test", "role": "write"}}, "orgs": []})

    def agent_harnesses(self, body, query):
        self._json({"standardEnvVars": [], "harnesses": {}})

    def validate_yaml(self, body, query):
        content = json.loads(body or b"{}").get("content", "")
        errors = []
        if content.startswith("---"):
            header = content.split("---", 2)[1] if content.count("---") >= 2 else ""
            try:
                data = yaml.safe_load(header)
                if data is not None and not isinstance(data, dict):
                    errors.append({"message": "metadata must be a YAML mapping"})
            except yaml.YAMLError as exc:
                errors.append({"message": f"invalid YAML: {exc}".splitlines()[0]})
        if errors:
            return self._json({"errors": errors, "warnings": []}, 400)
        self._json({"errors": [], "warnings": []})

    def create_repo(self, body, query):
        if self._auth() != "valid":
            raise HubError(401, "You must be authenticated to create a repository")
        payload = json.loads(body or b"{}")
        name, org = payload.get("name"), payload.get("organization") or self.hub.user
        repo_type = payload.get("type") or "model"
        private = payload.get("private", payload.get("visibility") == "private")
        key = (repo_type, f"{org}/{name}")
        url = f"{self.hub.url}/{URL_PREFIX[repo_type]}{org}/{name}"
        if key in self.hub.repos:
            # The Hub's 409 carries the repo URL: create_repo(exist_ok=True) returns it.
            raise HubError(409, "You already created this dataset repo", extra={"url": url})
        self.hub._create_repo(repo_type, key[1], bool(private))
        self._json({"url": url, "name": key[1], "id": key[1]})

    def _entry_json(self, path: str, entry: Entry) -> dict:
        out = {"type": "file", "oid": entry.oid, "size": entry.size, "path": path}
        if entry.lfs:
            out["lfs"] = {"oid": entry.sha256, "size": entry.size,
                          "pointerSize": len(lfs_pointer(entry.sha256, entry.size))}
        return out

    def repo_info(self, key, revision, body, query):
        repo = self._readable(key)
        sha = self.hub._resolve(repo, revision or "main")
        commit = repo.commits[sha]
        siblings = []
        for path, entry in sorted(commit.tree.items()):
            sib = {"rfilename": path}
            if query.get("blobs", ["false"])[0].lower() in ("1", "true"):
                sib.update(size=entry.size, blobId=entry.oid)
                if entry.lfs:
                    sib["lfs"] = {"sha256": entry.sha256, "size": entry.size,
                                  "pointerSize": len(lfs_pointer(entry.sha256, entry.size))}
            siblings.append(sib)
        card = None
        if "README.md" in commit.tree:
            text = self.hub.blobs[commit.tree["README.md"].sha256].decode("utf-8", "replace")
            if text.startswith("---") and text.count("---") >= 2:
                try:
                    card = yaml.safe_load(text.split("---", 2)[1])
                except yaml.YAMLError:
                    card = None
        self._json({"_id": hashlib.md5(key[1].encode()).hexdigest()[:24], "id": key[1],
                    "author": key[1].split("/")[0], "sha": sha, "private": repo.private,
                    "gated": False, "disabled": False, "downloads": 0, "likes": 0, "tags": [],
                    "createdAt": repo.created_at, "lastModified": commit.date,
                    "cardData": card, "siblings": siblings})

    def refs(self, key, body, query):
        repo = self._readable(key)

        def refs(kind: str, items: dict) -> list:
            return [{"name": n, "ref": f"refs/{kind}/{n}", "targetCommit": c}
                    for n, c in sorted(items.items())]

        payload = {"branches": refs("heads", repo.branches), "tags": refs("tags", repo.tags),
                   "converts": []}
        if query.get("include_prs"):
            payload["pullRequests"] = []
        self._json(payload)

    def _last_commit(self, repo: Repo, sha: str, path: str, folder: bool) -> dict:
        """The most recent commit (from ``sha`` back) that changed ``path``."""

        def view(tree: dict) -> object:
            if folder:
                return sorted((p, e) for p, e in tree.items() if p.startswith(path + "/"))
            return tree.get(path)

        commit = repo.commits[sha]
        while commit.parent is not None and view(repo.commits[commit.parent].tree) == view(commit.tree):
            commit = repo.commits[commit.parent]
        return {"id": commit.oid, "title": commit.title, "date": commit.date}

    def _listing(self, repo: Repo, sha: str, prefix: str, recursive: bool, expand: bool) -> list:
        tree = repo.commits[sha].tree
        base = prefix.strip("/")
        under = base + "/" if base else ""
        if base and base in tree:
            raise HubError(404, f"{base} is a file, not a folder", "EntryNotFound")
        if base and not any(p.startswith(under) for p in tree):
            raise HubError(404, f"Entry not found: {base}", "EntryNotFound")
        out, folders = [], set()
        for path, entry in sorted(tree.items()):
            if not path.startswith(under):
                continue
            parts = path[len(under):].split("/")
            for depth in range(1, len(parts)):
                if not recursive and depth > 1:
                    break
                folders.add(under + "/".join(parts[:depth]))
            if recursive or len(parts) == 1:
                out.append(self._entry_json(path, entry))
        for folder in sorted(folders):
            oid = hashlib.sha1(repr(sorted((p, e.oid) for p, e in tree.items()
                                           if p.startswith(folder + "/"))).encode()).hexdigest()
            out.append({"type": "directory", "oid": oid, "size": 0, "path": folder})
        if expand:
            for item in out:
                item["lastCommit"] = self._last_commit(repo, sha, item["path"],
                                                       item["type"] == "directory")
        return sorted(out, key=lambda item: item["path"])

    def tree(self, key, revision, path, body, query):
        repo = self._readable(key)
        sha = self.hub._resolve(repo, revision)
        flag = lambda name: query.get(name, ["false"])[0].lower() in ("1", "true")  # noqa: E731
        self._json(self._listing(repo, sha, path, flag("recursive"), flag("expand")))

    def paths_info(self, key, revision, body, query):
        repo = self._readable(key)
        sha = self.hub._resolve(repo, revision)
        content_type = self.headers.get("Content-Type", "")
        if "json" in content_type:
            form = json.loads(body or b"{}")
            paths = form.get("paths", [])
            expand = str(form.get("expand", False)).lower() == "true"
        else:
            form = parse_qs(body.decode())
            paths = form.get("paths", [])
            expand = form.get("expand", ["False"])[0].lower() == "true"
        tree = repo.commits[sha].tree
        out = []
        for raw in paths:
            path = raw.strip("/")
            if path in tree:
                item = self._entry_json(path, tree[path])
            elif any(p.startswith(path + "/") for p in tree) or path == "":
                oid = hashlib.sha1(repr(sorted((p, e.oid) for p, e in tree.items()
                                               if p.startswith(path + "/"))).encode()).hexdigest()
                item = {"type": "directory", "oid": oid, "size": 0, "path": path}
            else:
                continue
            if expand:
                item["lastCommit"] = self._last_commit(repo, sha, path, item["type"] == "directory")
            out.append(item)
        self._json(out)

    def commits(self, key, revision, body, query):
        repo = self._readable(key)
        sha = self.hub._resolve(repo, revision)
        out = []
        while sha is not None:
            commit = repo.commits[sha]
            out.append({"id": commit.oid, "title": commit.title, "message": commit.message,
                        "authors": [{"user": self.hub.user}], "date": commit.date})
            sha = commit.parent
        self._json(out)

    def preupload(self, key, revision, body, query):
        repo = self._writable(key)
        if unquote(revision) not in repo.branches:
            raise HubError(404, f"Invalid rev id: {revision}", "RevisionNotFound")
        tree = repo.commits[repo.branches[unquote(revision)]].tree
        files = []
        for item in json.loads(body)["files"]:
            sample = base64.b64decode(item.get("sample", ""))
            lfs = self.hub._is_lfs(item["path"], int(item["size"]), sample)
            remote = tree.get(item["path"])
            oid = None
            if remote is not None:
                oid = remote.sha256 if remote.lfs else git_blob_oid(self.hub.blobs[remote.sha256])
            files.append({"path": item["path"], "uploadMode": "lfs" if lfs else "regular",
                          "shouldIgnore": False, "oid": oid})
        self._json({"files": files, "commitOid": repo.branches[unquote(revision)]})

    def lfs_batch(self, key, body, query):
        self._writable(key)
        payload = json.loads(body)
        if payload.get("operation") != "upload":
            raise HubError(400, "only uploads are supported by this double")
        objects = []
        for obj in payload["objects"]:
            oid, size = obj["oid"], int(obj["size"])
            entry = {"oid": oid, "size": size, "authenticated": True}
            if oid not in self.hub.lfs_objects:
                sig = self.hub._sign(oid)
                entry["actions"] = {
                    "upload": {"href": f"{self.hub.url}/_lfs/upload/{oid}?size={size}&sig={sig}"},
                    "verify": {"href": f"{self.hub.url}/_lfs/verify/{oid}"},
                }
            objects.append(entry)
        self._send(200, json.dumps({"transfer": "basic", "objects": objects}).encode(),
                   content_type="application/vnd.git-lfs+json")

    def lfs_put(self, oid, body, query):
        # Like a presigned storage URL: no Authorization header, the signature authorises.
        if not hmac.compare_digest(query.get("sig", [""])[0], self.hub._sign(oid)):
            raise HubError(403, "bad upload signature")
        if hashlib.sha256(body).hexdigest() != oid:
            raise HubError(400, "uploaded content does not match its sha256")
        self.hub.blobs[oid] = body
        self.hub.lfs_objects.add(oid)
        self.hub.lfs_uploads.append(oid)
        self._send(200, b"", content_type="text/plain")

    def lfs_verify(self, oid, body, query):
        if self._auth() != "valid":
            raise HubError(401, "You must be authenticated to verify an upload")
        payload = json.loads(body or b"{}")
        if oid not in self.hub.lfs_objects or len(self.hub.blobs[oid]) != int(payload.get("size", -1)):
            raise HubError(404, f"object {oid} was not uploaded")
        self._json({"ok": True})

    def commit(self, key, revision, body, query):
        repo = self._writable(key)
        branch = unquote(revision)
        if branch not in repo.branches:
            raise HubError(404, f"Invalid rev id: {branch}", "RevisionNotFound")
        head = repo.branches[branch]
        tree = dict(repo.commits[head].tree)
        header = {}
        for line in body.splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            kind, value = item["key"], item["value"]
            if kind == "header":
                header = value
                parent = value.get("parentCommit")
                if parent is not None and parent != head:
                    raise HubError(412, "A commit has happened since. Please refresh and try again.")
            elif kind == "file":
                content = base64.b64decode(value["content"])
                tree[value["path"]] = self.hub._store(content, False)
            elif kind == "lfsFile":
                oid = value["oid"]
                if oid not in self.hub.lfs_objects:
                    raise HubError(422, f"LFS object {oid} for {value['path']} was never uploaded")
                tree[value["path"]] = self.hub._store(self.hub.blobs[oid], True)
            elif kind == "deletedFile":
                if value["path"] not in tree:
                    raise HubError(404, "A file with this name doesn't exist", "EntryNotFound")
                del tree[value["path"]]
            elif kind == "deletedFolder":
                prefix = value["path"].rstrip("/") + "/"
                for path in [p for p in tree if p.startswith(prefix)]:
                    del tree[path]
            else:
                raise HubError(400, f"unsupported commit operation {kind!r}")
        commit = self.hub._new_commit(repo, head, tree, header.get("summary", "update"),
                                      header.get("description", ""))
        repo.branches[branch] = commit.oid
        prefix = URL_PREFIX[repo.repo_type]
        self._json({"success": True, "commitOid": commit.oid, "pullRequestUrl": None,
                    "commitUrl": f"{self.hub.url}/{prefix}{repo.repo_id}/commit/{commit.oid}"})

    def create_tag(self, key, revision, body, query):
        repo = self._writable(key)
        payload = json.loads(body or b"{}")
        tag = payload["tag"]
        sha = self.hub._resolve(repo, revision)
        if tag in repo.tags:
            raise HubError(409, f"Tag {tag} already exists")
        repo.tags[tag] = sha
        self._json({"name": tag, "ref": f"refs/tags/{tag}", "targetCommit": sha})

    def delete_tag(self, key, tag, body, query):
        repo = self._writable(key)
        if repo.tags.pop(tag, None) is None:
            raise HubError(404, f"Invalid rev id: {tag}", "RevisionNotFound")
        self._json({})

    def create_branch(self, key, branch, body, query):
        repo = self._writable(key)
        payload = json.loads(body or b"{}")
        if branch in repo.branches:
            raise HubError(409, f"Branch {branch} already exists")
        repo.branches[branch] = self.hub._resolve(repo, payload.get("startingPoint") or "main")
        self._json({})

    def resolve(self, key, revision, path, body, query):
        repo = self._readable(key)
        sha = self.hub._resolve(repo, revision)
        entry = repo.commits[sha].tree.get(path)
        if entry is None:
            raise HubError(404, "Entry not found", "EntryNotFound", headers={"X-Repo-Commit": sha})
        content = self.hub.blobs[entry.sha256]
        headers = {"X-Repo-Commit": sha, "Accept-Ranges": "bytes",
                   "ETag": f'"{entry.sha256 if entry.lfs else entry.oid}"'}
        if entry.lfs:
            headers.update({"X-Linked-Etag": f'"{entry.sha256}"', "X-Linked-Size": str(entry.size)})
        status, data = 200, content
        wanted = self.headers.get("Range")
        if wanted and wanted.startswith("bytes="):
            start_text, _, end_text = wanted[6:].split(",")[0].partition("-")
            if start_text:
                start = int(start_text)
                end = min(int(end_text), len(content) - 1) if end_text else len(content) - 1
            else:  # suffix range: the last N bytes
                start, end = max(0, len(content) - int(end_text)), len(content) - 1
            if start >= len(content) and len(content) > 0:
                raise HubError(416, "Requested range not satisfiable",
                               headers={"Content-Range": f"bytes */{len(content)}"})
            data = content[start:end + 1]
            status = 206
            headers["Content-Range"] = f"bytes {start}-{start + len(data) - 1}/{len(content)}"
        self._send(status, data, headers, content_type="application/octet-stream")
        return status


def _main() -> None:  # pragma: no cover - manual use: python tests/hub_server.py
    logging.basicConfig(level=logging.INFO)
    with HubServer() as hub:
        print(f"hub double at {hub.url} token {hub.token}", flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":  # pragma: no cover
    _main()
