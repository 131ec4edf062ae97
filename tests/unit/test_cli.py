"""Set-up errors of the command line that need no database: a missing Maven is one clear line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graphsvc.cli import app

cli = CliRunner()


def test_a_missing_mvn_is_one_clear_line(tmp_path: Path) -> None:
    env = {
        "PATH": str(tmp_path),
        "GRAPHSVC_NEO4J_HOME": str(tmp_path / "home"),
        "GRAPHSVC_NEO4J_JARS": str(tmp_path / "lib"),
    }
    result = cli.invoke(app, ["neo4j", "install"], env=env)
    assert result.exit_code == 1
    assert "找不到 `mvn`" in result.output and "apt-get install maven" in result.output


# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
