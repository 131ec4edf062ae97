"""Configuration from the environment (and an optional `.env`), with the Neo4j naming conventions.

`NEO4J_*` names the database the way Neo4j's own tools and Aura do, so a cluster or Aura
serves unchanged; everything about this service sits under `GRAPHSVC_*`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The source checkout (the folder holding graphsvc/, cypher/, data/): tests, benchmarks and `schema export` work in
# it. Files the service reads at run time are found with resource(), so that an installed wheel runs too.
ROOT = Path(__file__).resolve().parent.parent
# A wheel carries cypher/, data/ and tools/neo4j/pom.xml under graphsvc/resources/ (pyproject.toml force-includes
# them); an editable install or a checkout has no such folder and reads the top-level ones.
PACKAGED = Path(str(files("graphsvc"))) / "resources"
# Where local state (.neo4j: jars, server homes, the demo county) goes: the checkout, or the working directory when
# the service runs from an installed wheel.
STATE_ROOT = ROOT if (ROOT / "pyproject.toml").is_file() else Path.cwd()


def resource(name: str) -> Path:
    """A file or folder shipped with the service (`cypher`, `data/reference`, …): the wheel's copy, else the
    checkout's."""
    packaged = PACKAGED / name
    return packaged if packaged.exists() else ROOT / name


# LOCAL DEVELOPMENT DEFAULT ONLY: the password the project's own local Neo4j is initialised with.
# Any shared or production deployment sets NEO4J_PASSWORD.
LOCAL_DEV_PASSWORD = "graphsvc-local-dev"

_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


class Neo4jSettings(BaseSettings):
    """Where the graph lives."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", env_file=".env", extra="ignore")

    uri: str = "neo4j://127.0.0.1:7687"
    username: str = "neo4j"
    password: SecretStr = SecretStr(LOCAL_DEV_PASSWORD)
    database: str = "neo4j"

    @field_validator("uri")
    @classmethod
    def _known_scheme(cls, uri: str) -> str:
        scheme = urlsplit(uri).scheme
        if scheme not in _SCHEMES:
            raise ValueError(f"NEO4J_URI must start with one of {', '.join(s + '://' for s in _SCHEMES)}")
        return uri

    @property
    def host(self) -> str:
        return urlsplit(self.uri).hostname or "127.0.0.1"

    @property
    def bolt_port(self) -> int:
        return urlsplit(self.uri).port or 7687


class ServiceSettings(BaseSettings):
    """The API, the CLI and the local Neo4j server they may manage."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    # Start and stop a Neo4j of our own (off in Docker, on Aura or a cluster).
    manage_neo4j: bool = True
    neo4j_home: Path = STATE_ROOT / ".neo4j" / "main"
    neo4j_jars: Path = STATE_ROOT / ".neo4j" / "lib"
    neo4j_http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "1g"
    neo4j_start_timeout: float = Field(default=120.0, gt=0)
    # How long a managed transaction keeps retrying transient errors; short, so that a
    # request fails fast with 503 instead of hanging while the database is away.
    db_retry_seconds: float = Field(default=5.0, ge=0)
    # Business times (sent, acknowledged, closed) a caller may state further back than this need a reason.
    backdate_hours: float = Field(default=72.0, gt=0, le=24 * 3650)
    # Largest request body the API reads; larger ones are refused (413) before authentication.
    max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    # Expensive reads give up (503) after this many seconds instead of holding the database.
    read_timeout_seconds: float = Field(default=20.0, gt=0)
    # How long an authenticated token is trusted without asking Neo4j again (graphsvc/token_cache.py): the delay
    # before a revocation made in another process takes effect here. 0 asks every time.
    auth_cache_seconds: float = Field(default=5.0, ge=0, le=60)
    reference_dir: Path = resource("data/reference")
    # What `graphsvc up` loads besides the reference catalogue: law texts when the folder exists, and the
    # sample forms and a generated demo county so that the API and the Browser show a living graph.
    laws_dir: Path = ROOT.parent / "shared" / "laws"
    demo: bool = True
    demo_seed: int = 2026
    demo_dir: Path = STATE_ROOT / ".neo4j" / "demo"  # where the generated demo county is written (must be writable)


class Settings:
    """Both halves together; built once per process (or per test) and passed down, never global."""

    def __init__(self, neo4j: Neo4jSettings | None = None, service: ServiceSettings | None = None):
        self.neo4j = neo4j or Neo4jSettings()
        self.service = service or ServiceSettings()
