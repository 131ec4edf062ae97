"""The local server's files without a running server: stale PID files, the password never on a command line."""

from __future__ import annotations

import hashlib
import shlex
import signal
import subprocess
from pathlib import Path

import pytest

from graphsvc.errors import SetupError
from graphsvc.local_neo4j import DYNAMIC_ARCHIVE_MAGIC, SERVER_MAIN, LocalNeo4j, _kibibytes, require_tool
from tests.conftest import make_settings


def test_a_stale_pid_file_is_removed(tmp_path: Path) -> None:
    other = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home"))
    other.pid_file.parent.mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    other.pid_file.write_text(str(dead.pid))
    assert other.pid() is None
    assert not other.pid_file.exists()
    assert other.stop() == "未在运行"


def test_stop_signals_the_server_and_waits_for_it_to_end(tmp_path: Path) -> None:
    """stop() sends SIGTERM and returns once the process has ended, also when it stays a zombie nobody reaps (as a
    server does in a container whose init does not reap): here the test is the parent and reaps only afterwards."""
    other = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home"))
    other.pid_file.parent.mkdir(parents=True)
    server = subprocess.Popen(["sleep", "60"])
    try:
        other.pid_file.write_text(str(server.pid))
        assert other.pid() == server.pid
        assert other.stop() == "已停止"
        assert not other.pid_file.exists()
        assert Path(f"/proc/{server.pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"  # not reaped yet
        other.pid_file.write_text(str(server.pid))
        assert other.pid() is None  # a zombie's PID file is stale, as a dead process's is
    finally:
        server.kill()
        ended = server.wait(timeout=5)
    assert ended == -signal.SIGTERM  # it ended by the signal stop() sent


def test_the_initial_password_never_goes_on_a_command_line(tmp_path: Path) -> None:
    """neo4j-admin reads the password from an @-file that is gone afterwards; the hash it stored is of exactly
    that password (quotes, spaces, backslashes and Chinese included), checked the way Neo4j checks it."""
    fresh = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home"))
    fresh.password = 'pa"ss wo\\rd-测试'
    fresh.install()
    fresh.write_conf()
    fresh._set_initial_password()
    assert not list((tmp_path / "home" / "run").iterdir())  # the argument file is removed
    user, credential, _ = (tmp_path / "home" / "data" / "dbms" / "auth.ini").read_text().split(":", 2)
    algorithm, stored, salt, iterations = credential.split(",")
    assert (user, algorithm) == ("neo4j", "SHA-256")
    digest = hashlib.sha256(bytes.fromhex(salt) + fresh.password.encode()).digest()
    for _ in range(int(iterations) - 1):
        digest = hashlib.sha256(digest).digest()
    assert digest.hex() == stored


def test_the_first_server_writes_the_class_archive_and_every_later_one_maps_it(tmp_path: Path) -> None:
    """A server started without an archive writes one at its exit (to a file of its home's own); stop() moves it into
    place beside the jars, replacing one of an earlier Java; an admin command never writes one."""
    jars = tmp_path / "jars"
    jars.mkdir()
    first = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home", neo4j_jars=jars))
    (jars / "classes-0ld.jsa").write_bytes(b"of an earlier Java")
    assert first._class_sharing(dump=False) == []
    [flag] = first._class_sharing(dump=True)
    part = Path(flag.removeprefix("-XX:ArchiveClassesAtExit="))
    assert part.parent == jars and part != first.class_archive
    part.write_bytes(bytes(4) + b"classes")  # a server killed while it wrote: the header, written last, is not there
    first.stop()
    assert not part.exists() and not first.class_archive.exists()
    part.write_bytes(DYNAMIC_ARCHIVE_MAGIC + b"classes")  # what the JVM writes as it exits

    assert first.stop() == "未在运行"  # a server stopped by someone else: the archive it wrote is kept all the same
    assert first.class_archive.read_bytes() == DYNAMIC_ARCHIVE_MAGIC + b"classes" and not part.exists()
    assert [p.name for p in jars.iterdir()] == [first.class_archive.name]
    later = LocalNeo4j(make_settings(neo4j_home=tmp_path / "other", neo4j_jars=jars))
    assert later._class_sharing(dump=True) == [f"-XX:SharedArchiveFile={first.class_archive}"]


def test_the_server_runs_with_the_command_line_the_bootloader_would_build(tmp_path: Path) -> None:
    """start() skips the bootloader's own JVM: the command it runs is the one `neo4j console --dry-run` prints for
    the same conf (but for the console flag), so an upgrade of the jars that changes it fails here."""
    home = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home", neo4j_heap="768m"))
    home.install()
    home.write_conf(dump_classes=True)
    java = require_tool("java", "java")
    bootloader = [java, "-cp", f"{home.home / 'lib'}/*", "org.neo4j.server.startup.Neo4jCommand", "console"]
    printed = subprocess.run([*bootloader, "--dry-run"], env=home._env(), capture_output=True, text=True)
    theirs = shlex.split(printed.stdout.strip())
    ours = home._command(SERVER_MAIN, f"--home-dir={home.home}", f"--config-dir={home.home / 'conf'}", server=True)
    assert Path(theirs[0]).resolve() == Path(ours[0]).resolve()  # the same java, by its real path
    assert theirs[1:] == [*ours[1:], "--console-mode"]


def test_heap_sizes_are_given_to_the_jvm_in_kibibytes() -> None:
    assert [_kibibytes(size) for size in ("768m", "2g", "2G", "1GiB", "512k", "1048576")] == [
        786432,
        2097152,
        2097152,
        1048576,
        512,
        1024,
    ]
    with pytest.raises(SetupError, match="内存大小"):
        _kibibytes("two gigs")
