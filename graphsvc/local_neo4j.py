"""A Neo4j 5 Community server of the project's own, assembled from Maven Central and run with Java.

No Docker and no download from neo4j.com: `tools/neo4j/pom.xml` names the server and Browser
artifacts, Maven copies the jars into a shared, git-ignored folder, and each instance (the
one the API serves, the one tests use) gets its own home with conf/, data/, logs/ and run/.
The server and neo4j-admin run with the command lines Neo4j's bootloader would build from the
neo4j.conf we write (`neo4j console --dry-run` prints it), without the bootloader's own JVM,
which cost 2–2.4 s before every start and every import.

Every server JVM (and neo4j-admin's, which reads the same flags) maps a class archive (AppCDS) of
the classes a server loads, instead of reading and verifying thousands of classes from the jars:
a start takes 10 s instead of 15 on two cores. The first server to start without one writes it
when it stops; it lives beside the jars and goes with them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from graphsvc.browser.neo4j_conf import browser_api_url, browser_conf
from graphsvc.config import Settings, resource
from graphsvc.errors import SetupError

POM = resource("tools/neo4j/pom.xml")
SERVER_MAIN = "org.neo4j.server.CommunityEntryPoint"
ADMIN_MAIN = "org.neo4j.cli.AdminTool"
# Neo4j's byte sizes ("768m", "2g", "1GiB"): the bootloader hands them to the JVM in KiB.
SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)(i?b)?\s*$", re.IGNORECASE)

# The flags Neo4j's default neo4j.conf passes to the server JVM that matter on Java 17.
BOLT_SHUTDOWN = [
    "internal.server.bolt.thread_pool_shutdown_wait_time=1s",
    "internal.server.bolt.connection_shutdown_wait_time=1s",
    "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
    "internal.dbms.bolt.netty_server_shutdown_timeout=1",
]
# The first bytes of a finished dynamic class archive (HotSpot's 0xf00baba8, little-endian).
DYNAMIC_ARCHIVE_MAGIC = bytes.fromhex("a8ab0bf0")
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        raise SetupError(f"找不到 `{name}`:本地 Neo4j 需要它,请先安装 {package}(例如 apt-get install {package})。")
    return path


@dataclass
class Status:
    running: bool
    pid: int | None
    bolt: str
    http: str
    version: str | None = None


class LocalNeo4j:
    """One local server instance: its home, ports and password come from the settings."""

    def __init__(self, settings: Settings):
        svc, db = settings.neo4j, settings.service
        self.home: Path = db.neo4j_home
        self.jars: Path = db.neo4j_jars
        self.host = svc.host
        self.bolt_port = svc.bolt_port
        self.http_port = db.neo4j_http_port
        self.password = svc.password.get_secret_value()
        self.username = svc.username
        self.heap = db.neo4j_heap
        self.pagecache = db.neo4j_pagecache
        self.start_timeout = db.neo4j_start_timeout
        self.api_url = browser_api_url(settings)
        self._process: subprocess.Popen[bytes] | None = None  # the server this object started, if any

    # -- installation -------------------------------------------------------------------------

    def install(self) -> bool:
        """Resolves the server jars with Maven unless the pom is unchanged since the last time."""
        stamp = self.jars / ".pom.sha256"
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()
        if stamp.exists() and stamp.read_text() == digest:
            return False
        mvn = require_tool("mvn", "maven")
        require_tool("java", "openjdk-17-jre-headless")
        self.jars.parent.mkdir(parents=True, exist_ok=True)
        # Resolve into a fresh folder and swap it in, so a failed download leaves nothing half-written.
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.jars.parent))
        cmd = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={staging}"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise SetupError(f"Maven 未能取得 Neo4j 的 jar 包:\n{tail}")
        (staging / ".pom.sha256").write_text(digest)
        if self.jars.exists():
            shutil.rmtree(self.jars)
        staging.rename(self.jars)
        return True

    # -- class data sharing -------------------------------------------------------------------

    @property
    def class_archive(self) -> Path:
        """The class archive for these jars and this Java: a Java upgraded in place gets an archive of its own (a
        stale one would only be ignored, with a warning in neo4j.log)."""
        java = Path(require_tool("java", "openjdk-17-jre-headless")).resolve()
        key = hashlib.sha256(f"{java}:{java.stat().st_mtime_ns}".encode()).hexdigest()[:12]
        return self.jars / f"classes-{key}.jsa"

    @property
    def _archive_part(self) -> Path:
        """Where this home's server writes the archive at its exit, until stop() moves it into place."""
        home = hashlib.sha256(str(self.home.resolve()).encode()).hexdigest()[:12]
        return self.class_archive.with_suffix(f".{home}.part")

    def _class_sharing(self, dump: bool) -> list[str]:
        if self.class_archive.exists():
            return [f"-XX:SharedArchiveFile={self.class_archive}"]
        if dump:  # only a server writes it: an admin command loads a few of the classes, and writing takes 15 s
            self._archive_part.unlink(missing_ok=True)
            return [f"-XX:ArchiveClassesAtExit={self._archive_part}"]
        return []

    def _keep_class_archive(self) -> None:
        if shutil.which("java") is None:  # Java is gone: no archive to name
            return
        part = self._archive_part
        if not part.exists():
            return
        with part.open("rb") as f:
            whole = f.read(4) == DYNAMIC_ARCHIVE_MAGIC
        if not whole:  # the JVM writes the header last: a server killed while writing left a useless file
            part.unlink()
            return
        for stale in self.jars.glob("classes-*.jsa"):  # of an earlier Java
            if stale != self.class_archive:
                stale.unlink(missing_ok=True)
        os.replace(part, self.class_archive)  # atomic: two servers that wrote one each leave either

    # -- configuration ------------------------------------------------------------------------

    def write_conf(self, dump_classes: bool = False) -> None:
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        lib = self.home / "lib"
        if not lib.is_symlink() or lib.resolve() != self.jars.resolve():
            lib.unlink(missing_ok=True)
            lib.symlink_to(self.jars, target_is_directory=True)
        lines = [
            "# Written by graphsvc (graphsvc/local_neo4j.py) at every start; edit the settings, not this file.",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            f"server.directories.run={self.home / 'run'}",
            f"server.directories.import={self.home / 'import'}",
            f"server.directories.plugins={self.home / 'plugins'}",
            f"server.default_listen_address={self.host}",
            f"server.default_advertised_address={self.host}",
            f"server.bolt.listen_address={self.host}:{self.bolt_port}",
            f"server.bolt.advertised_address={self.host}:{self.bolt_port}",
            f"server.http.listen_address={self.host}:{self.http_port}",
            f"server.http.advertised_address={self.host}:{self.http_port}",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            # Sized for a 2-core, 24 GB machine that also runs the API, the tests and a second instance.
            f"server.memory.heap.initial_size={self.heap}",
            f"server.memory.heap.max_size={self.heap}",
            f"server.memory.pagecache.size={self.pagecache}",
            "dbms.memory.transaction.total.max=1g",
            # Bolt's shutdown waits 5 s for its worker threads and 5 s more for Netty, with no connection left: a
            # stop took 10.6 s, most of an initial import's restart. The server's own settings (internal, pinned
            # with the version in tools/neo4j/pom.xml); open transactions still end first.
            *BOLT_SHUTDOWN,
            *browser_conf(self.api_url),
            "server.jvm.additional="
            + "\nserver.jvm.additional=".join([*JVM_FLAGS, *self._class_sharing(dump_classes)]),
        ]
        (self.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _env(self) -> dict[str, str]:
        """neo4j-admin finds its home and conf by these, as Neo4j's scripts set them."""
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def _command(self, main: str, *args: str, server: bool = False) -> list[str]:
        """The JVM's command line as the bootloader builds it (`neo4j console --dry-run`, `neo4j-admin --verbose`):
        the conf and the jars, the conf's JVM flags, and the heap (a server's initial size too)."""
        java = require_tool("java", "openjdk-17-jre-headless")
        heap = [f"-Xms{_kibibytes(self.heap)}k"] if server else []
        return [
            java,
            "-cp",
            f"{self.home / 'conf'}/*:{self.home / 'lib'}/*",
            *JVM_FLAGS,
            *self._class_sharing(dump=server),
            "-Dfile.encoding=UTF-8",
            *heap,
            f"-Xmx{_kibibytes(self.heap)}k",
            main,
            *args,
        ]

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs `neo4j-admin ARGS` against this home (the server's neo4j.conf); the caller stops the server first
        where the command needs it (`database import full`)."""
        self.install()
        self.write_conf()
        return subprocess.run(self._command(ADMIN_MAIN, *args), env=self._env(), capture_output=True, text=True)

    def _set_initial_password(self) -> None:
        # Only effective before the first start; afterwards the system database holds the password.
        if (self.home / "data" / "databases").exists():
            return
        # The password never goes on a command line (any user sees those in ps): neo4j-admin reads its arguments
        # from an @-file (picocli's argument files), written readable by us only and removed at once.
        argfile = self.home / "run" / "initial-password.args"
        argfile.parent.mkdir(parents=True, exist_ok=True)
        quoted = '"' + self.password.replace("\\", "\\\\").replace('"', '\\"') + '"'
        fd = os.open(argfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(quoted + "\n")
            command = self._command(ADMIN_MAIN, "dbms", "set-initial-password", f"@{argfile}")
            done = subprocess.run(command, env=self._env(), capture_output=True, text=True)
        finally:
            argfile.unlink(missing_ok=True)
        if done.returncode != 0:
            # The tool's own words may quote its arguments: say what failed without them.
            raise SetupError("无法设置 Neo4j 初始密码(neo4j-admin dbms set-initial-password 失败,见 Neo4j 日志)。")

    # -- process ------------------------------------------------------------------------------

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    def pid(self) -> int | None:
        """The server's pid, or None; a PID file left by a crashed server is removed."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _running(pid):  # gone, or a zombie nobody reaps
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def bolt_answers(self) -> bool:
        try:
            with GraphDatabase.driver(
                f"bolt://{self.host}:{self.bolt_port}",
                auth=(self.username, self.password),
                connection_timeout=2.0,
            ) as driver:
                driver.verify_connectivity()
            return True
        except neo4j_errors.AuthError:
            return True  # the server answers; the credentials are another matter, reported on use
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError):
            return False

    def _port_taken(self, port: int) -> bool:
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex((self.host, port)) == 0

    def start(self) -> str:
        """Starts the server in the background and returns once Bolt answers; idempotent."""
        self.install()
        self.write_conf()
        if self.pid() is not None:
            if self._wait_for_bolt():
                return f"已在运行 (pid {self.pid()})"
            raise SetupError(f"Neo4j 进程存在但 Bolt 无应答。\n{self.log_tail()}")
        for port in (self.bolt_port, self.http_port):
            if self._port_taken(port):
                raise SetupError(f"端口 {self.host}:{port} 已被其他进程占用,无法启动本地 Neo4j。")
        self._set_initial_password()
        self.write_conf(dump_classes=True)  # after neo4j-admin's run above, which must not write the archive
        home = ["--home-dir=" + str(self.home), "--config-dir=" + str(self.home / "conf")]
        # As the bootloader's `start`: a session of its own (it outlives us), its output appended to neo4j.log.
        with (self.home / "logs" / "neo4j.log").open("ab") as log:
            self._process = subprocess.Popen(
                self._command(SERVER_MAIN, *home, server=True),
                env=self._env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_file.write_text(str(self._process.pid))
        if not self._wait_for_bolt():
            raise SetupError(f"Neo4j 在 {self.start_timeout:.0f} 秒内没有在 Bolt 端口应答。\n{self.log_tail()}")
        return f"已启动 (pid {self.pid()})"

    def _wait_for_bolt(self) -> bool:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.bolt_answers():
                return True
            if self.pid() is None:
                return False  # the server died while starting
            time.sleep(0.1)  # a refused connection costs nothing; the start is on every import's and test's path
        return False

    def stop(self) -> str:
        """Asks the server to shut down and waits until it has.

        What the bootloader's `stop` does (SIGTERM, whose hook shuts the server down cleanly, then wait), without the
        second JVM it would start for it: a stop is one of the fixed costs of every initial import and test module."""
        pid = self.pid()
        if pid is None:
            self._keep_class_archive()  # a server stopped by someone else still wrote it
            return "未在运行"
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        except PermissionError as e:  # the PID file names another user's process
            raise SetupError(f"无权停止进程 {pid}(PID 文件 {self.pid_file} 指向其他用户的进程)。") from e
        deadline = time.monotonic() + self.start_timeout + 60
        while _running(pid):
            if time.monotonic() > deadline:
                raise SetupError(
                    f"Neo4j (pid {pid}) 在 {self.start_timeout + 60:.0f} 秒内未能停止。\n{self.log_tail()}"
                )
            time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        if self._process is not None and self._process.pid == pid:
            self._process.wait()  # started by us: reaped, not left a zombie
        self._keep_class_archive()
        return "已停止"

    def database_files(self, database: str) -> list[Path]:
        """The folders one database keeps on disk: its store and its transaction logs."""
        data = self.home / "data"
        return [data / "databases" / database, data / "transactions" / database]

    def copy_database(self, database: str, to: Path) -> None:
        """Copies a database of the stopped server into `to`, as an offline backup to put back with restore_database."""
        if self.pid() is not None:
            raise SetupError("Neo4j 仍在运行,不能复制数据库文件。")
        for folder in self.database_files(database):
            shutil.copytree(folder, to / folder.parent.name / folder.name)

    def restore_database(self, database: str, source: Path) -> None:
        """Puts back, in the stopped server, a database copy_database took."""
        if self.pid() is not None:
            raise SetupError("Neo4j 仍在运行,不能恢复数据库文件。")
        for folder in self.database_files(database):
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(source / folder.parent.name / folder.name, folder)

    def status(self) -> Status:
        pid = self.pid()
        return Status(
            running=pid is not None,
            pid=pid,
            bolt=f"neo4j://{self.host}:{self.bolt_port}",
            http=f"http://{self.host}:{self.http_port}/browser/",
        )

    def log_tail(self, lines: int = 30) -> str:
        parts = []
        for name in ("neo4j.log", "debug.log"):
            log = self.home / "logs" / name
            if log.exists():
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                parts.append(f"--- {log} (最后 {len(tail)} 行) ---\n" + "\n".join(tail))
        return "\n".join(parts) or f"(在 {self.home / 'logs'} 下没有日志)"


def _kibibytes(size: str) -> int:
    """A Neo4j byte size ("768m", "2g", "1GiB") in KiB, as the bootloader passes heap sizes to the JVM."""
    found = SIZE.match(size)
    if not found:
        raise SetupError(f"无法识别的内存大小 {size!r}(应为如 768m、2g 的写法)")
    number, unit = int(found[1]), found[2].lower()
    return number * 1024 ** "kmgt".index(unit) if unit else max(1, number // 1024)


def _running(pid: int) -> bool:
    """Whether a process runs; a zombie (exited, not yet reaped by a parent that never will, as in a container whose
    init does not reap) has stopped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's
            return True
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"
