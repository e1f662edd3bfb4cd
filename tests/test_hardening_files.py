"""Hardening (issue 21, items 1 and 2): what Sankore writes and which database it opens.

Output files are written whole or not at all and never in place of anything but a regular
file; a database URL that names no lasting database is an error, not a silent empty store.
Run through the real `sankore` command (click's runner, in process) on a real SQLite store.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from sankore.cli import main
from sankore.errors import OutputError, StoreError
from sankore.output import atomic_output
from sankore.store import open_store, sqlite_path

from .test_store import make_record


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'sankore.db'}"
    with open_store(url) as store:
        store.add(make_record())
    return url


def sankore(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- item 1: outputs ------------------------------------------------------------------------

def test_a_symlink_target_is_written_and_the_link_stays(db, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = sankore("events", "--db", db, "--format", "json", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "CONSULT" in target.read_text()


def test_a_fifo_is_written_into_not_replaced(db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = sankore("events", "--db", db, "--format", "csv", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert b"CONSULT" in got[0]


def test_a_character_device_is_written_in_place(tmp_path):
    """/dev/null stays a device (before: replaced by a regular file when run as root)."""
    before = os.stat("/dev/null")
    with atomic_output(Path("/dev/null")) as out:
        out.write("discarded\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(db, tmp_path):
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        assert sankore("events", "--db", db, "--format", "json", "-o", str(fresh)).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old\n")
        kept.chmod(0o640)
        assert sankore("events", "--db", db, "--format", "json", "-o", str(kept)).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and "CONSULT" in kept.read_text()
    finally:
        os.umask(old)


def test_an_interrupted_write_leaves_no_temporary_file_and_the_old_content(tmp_path):
    """The partial output has no name until it is complete: a kill -9 mid-write (here: an
    exception) leaves no hidden .F.xxxx file behind and the old file whole."""
    target = tmp_path / "out.json"
    target.write_text("old\n")
    with pytest.raises(KeyError), atomic_output(target) as out:
        out.write("half")
        assert os.listdir(tmp_path) == ["out.json"]  # nothing named while the write runs
        raise KeyError
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["out.json"]


def test_a_missing_folder_is_one_line_not_a_traceback(db, tmp_path):
    result = CliRunner().invoke(main, ["events", "--db", db, "-o", str(tmp_path / "nodir" / "x.json")])
    assert result.exit_code == 1
    assert "no folder" in result.output and "Traceback" not in result.output
    with pytest.raises(OutputError, match="no folder"):
        with atomic_output(tmp_path / "nodir" / "x.csv"):
            pass


def test_dash_is_standard_output(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = sankore("events", "--db", db, "--format", "csv", "-o", "-")
    assert result.exit_code == 0 and "CONSULT" in result.output
    assert not (tmp_path / "-").exists()


def test_export_follows_the_same_rules(db, tmp_path):
    target = tmp_path / "real.tsv"
    link = tmp_path / "events.tsv"
    link.symlink_to(target)
    result = sankore("export", "--db", db, "--format", "gdelt", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_bytes().count(b"\t") > 60
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "-o",
                                       str(tmp_path / "nodir" / "x.csv")])
    assert result.exit_code == 1 and "no folder" in result.output


# -- item 2: database URLs ------------------------------------------------------------------

@pytest.mark.parametrize("url", ["", "  ", "sqlite://", "sqlite:///", "sqlite:"])
def test_a_url_that_names_no_file_is_an_error(url):
    with pytest.raises(StoreError, match="no database"):
        open_store(url)


def test_two_slashes_and_url_options_say_what_is_wrong():
    with pytest.raises(StoreError, match="did you mean sqlite:///g.db"):
        sqlite_path("sqlite://g.db")
    with pytest.raises(StoreError, match="options"):
        sqlite_path("sqlite:///x.db?mode=ro")


@pytest.mark.parametrize("url", ["", "sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite://g.db"])
def test_ingest_refuses_a_database_that_keeps_nothing(url, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Chad asked French troops to leave on Thursday.\n")
    result = CliRunner().invoke(main, ["ingest", str(text), "--db", url])
    assert result.exit_code == 2, result.output
    assert "--db" in result.output and "stored" not in result.output


def test_reading_commands_refuse_a_mistyped_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["events"], ["relations"], ["export", "--format", "csv", "-o", "x.csv"]):
        result = CliRunner().invoke(main, [*command, "--db", "sqlite:///typo.db"])
        assert result.exit_code == 1 and "no database at 'typo.db'" in result.output
    assert os.listdir(tmp_path) == []  # no empty database created
