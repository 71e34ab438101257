"""The command line: every command documented, bad usage is one line and exit 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from vicorpus.cli import app

REPO = Path(__file__).resolve().parent.parent
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def vicorpus(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vicorpus.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_every_design_command_exists():
    assert set(COMMANDS) >= {"demo", "crawl", "extract", "dedup", "release", "publish", "run",
                             "sources", "verify"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"vicorpus {command}\b", readme), f"`vicorpus {command}` not documented in README"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command):
    result = vicorpus(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"Example: vicorpus {command}" in result.stdout


def _one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0]


def test_unknown_source_is_one_line(tmp_path):
    _one_line_error(vicorpus("crawl", "khong-co-nguon-nay", "--workdir", str(tmp_path)),
                    "unknown source 'khong-co-nguon-nay'")


def test_unknown_key_names_key_and_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: baochinhphu\ntitle: Báo điện tử Chính phủ\nstart_urls: [https://baochinhphu.vn/]\n"
        "allowed_domains: [baochinhphu.vn]\nlicence: x\nattribution: y\nstart_url: oops\n",
        encoding="utf-8")
    _one_line_error(vicorpus("crawl", str(bad), "--workdir", str(tmp_path / "w")),
                    "unknown key 'start_url'", str(bad))


def test_missing_pipeline_config(tmp_path):
    _one_line_error(vicorpus("run", str(tmp_path / "khong-ton-tai.yaml")), "config file not found")


def test_unknown_key_in_pipeline(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("workdir: w\nsources: [demo-site]\ndedupe: {threshold: 0.8}\n", encoding="utf-8")
    _one_line_error(vicorpus("run", str(bad)), "unknown key 'dedupe'", str(bad))


def test_unwritable_workdir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    _one_line_error(vicorpus("crawl", "demo-site", "--workdir", str(blocker / "sub")),
                    "workdir")


def test_extract_on_missing_workdir(tmp_path):
    _one_line_error(vicorpus("extract", "--workdir", str(tmp_path / "nowhere")), "workdir not found")


def test_bad_since_date(tmp_path):
    _one_line_error(vicorpus("crawl", "demo-site", "--workdir", str(tmp_path), "--since", "hôm qua"),
                    "--since")


def test_bad_release_version(tmp_path):
    (tmp_path / "docs").mkdir()
    _one_line_error(vicorpus("release", "--workdir", str(tmp_path), "--version", "1.0",
                             "--out", str(tmp_path / "rel")), "version")


def test_missing_argument_exits_2():
    result = vicorpus("crawl")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_sources_lists_demo_site():
    result = vicorpus("sources")
    assert result.returncode == 0, result.stderr
    assert "demo-site" in result.stdout + result.stderr


def test_bad_regex_in_source_is_one_line_at_load(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: tinh-mau\ntitle: Cổng thông tin tỉnh mẫu\nstart_urls: [https://tinhmau.gov.vn/]\n"
        "allowed_domains: [tinhmau.gov.vn]\nlicence: x\nattribution: y\n"
        "extract: {drop_paragraph_patterns: ['^Ảnh:', '(Theo TTXVN']}\n", encoding="utf-8")
    _one_line_error(vicorpus("crawl", str(bad), "--workdir", str(tmp_path / "w")),
                    str(bad), "extract.drop_paragraph_patterns.1", "'(Theo TTXVN'")


def test_config_file_settings_hold_unless_an_option_is_given(tmp_path):
    """`--config` with `workers: 2` runs 2 workers; `--workers 1` given wins; the file's workdir is used."""
    workdir = tmp_path / "w"
    (workdir / "warc").mkdir(parents=True)
    pipeline = tmp_path / "p.yaml"
    pipeline.write_text(f"workdir: {workdir}\nsources: [demo-site]\nextract: {{workers: 2, executor: local}}\n",
                        encoding="utf-8")
    from_file = vicorpus("extract", "--config", str(pipeline), "--no-progress")
    assert from_file.returncode == 0, from_file.stderr
    assert "extract: executor local, 2 workers" in from_file.stderr
    given = vicorpus("extract", "--config", str(pipeline), "--workers", "1", "--no-progress")
    assert given.returncode == 0 and "extract: executor local, 1 worker\n" in given.stderr


def test_stage_command_needs_a_workdir_or_a_config():
    _one_line_error(vicorpus("extract"), "--workdir is required")


def test_unknown_executor_is_one_line(tmp_path):
    _one_line_error(vicorpus("extract", "--workdir", str(tmp_path), "--executor", "spark"), "--executor")


def test_dedup_before_extract_is_one_line(tmp_path):
    (tmp_path / "work").mkdir()
    _one_line_error(vicorpus("dedup", "--workdir", str(tmp_path / "work")), "run `vicorpus extract` first")


def test_extract_of_an_interrupted_crawl_says_to_run_the_crawl_again(tmp_path):
    warc = tmp_path / "work" / "warc"
    warc.mkdir(parents=True)
    (warc / "nguon-20261206T080000Z-00000.warc.gz.open").write_bytes(b"WARC/1.1\r\n")
    result = vicorpus("extract", "--workdir", str(tmp_path / "work"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unfinished WARC" in result.stderr and "vicorpus crawl" in result.stderr


def test_a_misspelt_required_key_is_named_with_the_missing_one(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: baochinhphu\ntitle: Báo điện tử Chính phủ\nstart_urls: [https://baochinhphu.vn/]\n"
                   "allowed_domains: [baochinhphu.vn]\nlicnce: x\nattribution: y\n", encoding="utf-8")
    _one_line_error(vicorpus("crawl", str(bad), "--workdir", str(tmp_path / "w")),
                    "missing key 'licence'", "unknown key 'licnce'")


@pytest.mark.parametrize("report, line", [
    ({"failed": {}, "sources": {"a": {"errors": 0, "by_status": {"200": 3}}}}, None),
    ({"failed": {}, "sources": {"a": {"errors": 1, "by_status": {"200": 30}, "not_fetched_by_reason": {}}}}, None),
    ({"failed": {}, "sources": {"a": {"errors": 1, "by_status": {},
                                      "not_fetched_by_reason": {"http_error:DownloadTimeoutError": 1}}}},
     "crawl: a: no page answered, 1 error (http_error:DownloadTimeoutError 1)"),
    ({"failed": {"b": "crawl process died: MemoryError"}, "sources": {"b": {}}},
     "crawl: b: crawl process died: MemoryError"),
])
def test_a_crawl_that_got_nothing_from_a_source_fails(report, line):
    """A site that answered nothing at all (down, refused, timed out) is a failed crawl: a cron
    job must be able to tell it from success by the exit code."""
    from vicorpus.cli import crawl_failure

    assert crawl_failure(report) == line


def test_frontier_without_the_redis_client_is_an_install_hint(tmp_path):
    code = ("import sys; sys.modules['redis'] = None\n"  # as if vicorpus[distributed] were not installed
            "from vicorpus.cli import main\n"
            f"sys.argv = ['vicorpus', 'crawl', 'demo', '--workdir', {str(tmp_path / 'w')!r}, "
            "'--frontier', 'redis://127.0.0.1:1/0']\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == "vicorpus: error: --frontier needs the Redis client: pip install 'vicorpus[distributed]'"
    assert not (tmp_path / "w").exists()


def test_sources_with_a_missing_workdir_says_so(tmp_path):
    """Every source is "never" crawled in a workdir that does not exist (a crawl not started
    yet, or a typo): the listing says which."""
    done = subprocess.run([sys.executable, "-m", "vicorpus.cli", "sources", "--workdir", str(tmp_path / "nope")],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "300"})
    assert done.returncode == 0
    assert f"no workdir at {tmp_path / 'nope'}: nothing was crawled there" in done.stderr


def test_one_broken_source_yaml_does_not_hide_the_others(tmp_path):
    """`vicorpus sources` lists every source that loads and names each file that does not (exit 2)."""
    import shutil

    from vicorpus.config import configs_dir

    shutil.copytree(configs_dir(), tmp_path / "configs")
    (tmp_path / "configs" / "sources" / "hong.yaml").write_text(
        "name: hong\ntitle: Cổng tin hỏng\nstart_urls: [https://hong.gov.vn/]\nallowed_domains: [hong.gov.vn]\n"
        "licence: x\nattribution: y\nfeed: https://hong.gov.vn/rss\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": "300", "VICORPUS_CONFIGS": str(tmp_path / "configs")}
    done = subprocess.run([sys.executable, "-m", "vicorpus.cli", "sources"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "demo-site" in done.stdout + done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("vicorpus: error: ") and "hong.yaml" in done.stderr


DISK_FULL = """
import errno, sys
import vicorpus.pipeline as pipeline
def full(workdir, config, progress=True):
    raise OSError(errno.ENOSPC, "No space left on device", str(workdir.docs / "bao-moi-00000.parquet"))
pipeline.extract_stage = full
from vicorpus.cli import main
sys.argv = ["vicorpus"] + sys.argv[1:]
main()
"""


def test_a_full_disk_is_one_line_naming_the_file_and_the_space_left(tmp_path):
    (tmp_path / "work" / "warc").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-c", DISK_FULL, "extract", "--workdir", str(tmp_path / "work"),
                             "--no-progress"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"vicorpus: failed: no space left on device writing {tmp_path / 'work' / 'docs'}"), last
    assert "MiB free there" in last and "run the same command again" in last


def test_progress_bars_show_the_time_left(monkeypatch):
    """A stage's bar shows, after the time spent, an estimate of the time left once it has a rate."""
    import io
    import time

    from rich.console import Console

    import vicorpus.progress as progress_module

    monkeypatch.setattr(progress_module, "console", Console(file=io.StringIO(), force_terminal=True, width=120))
    with progress_module.stage_progress(True) as bar:
        task = bar.add_task("extract pages", total=100)
        for _ in range(20):
            time.sleep(0.01)
            bar.advance(task)
        assert bar.tasks[0].time_remaining is not None and bar.tasks[0].time_remaining > 0
        bar.refresh()
    shown = progress_module.console.file.getvalue()
    last = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown).strip().splitlines()[-1]
    assert re.search(r"20/100\s+20%\s+\d:\d\d:\d\d\s+\d:\d\d:\d\d$", last), last


def test_the_installed_command_is_python_m_vicorpus(tmp_path):
    """The `vicorpus` script runs vicorpus/__main__.py's main (the command-line module imported with
    the garbage collector paused): `python -m vicorpus` is the same command, usage errors included."""
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["vicorpus"] == "vicorpus.__main__:main"
    done = subprocess.run([sys.executable, "-m", "vicorpus", "extract", "--workers", "0", "--workdir", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Invalid value for '--workers'" in done.stderr.strip().splitlines()[-1]
    shown = subprocess.run([sys.executable, "-m", "vicorpus", "extract", "--help"], capture_output=True, text=True,
                           timeout=120)
    assert shown.returncode == 0 and "Example: vicorpus extract" in shown.stdout
