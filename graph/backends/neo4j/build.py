"""Build the Maven launcher (jar + classpath) once, and again only when its sources change."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import ConfigError, StoreUnavailable

logger = logging.getLogger(__name__)

LAUNCHER_SRC = Path(__file__).parent / "launcher"
JAR_NAME = "geokg-neo4j-launcher-0.1.0.jar"
BUILD_TIMEOUT_S = 1800  # a fresh machine downloads ~135 MB from Maven Central
NEO4J_ARTIFACT_DIR = Path.home() / ".m2" / "repository" / "org" / "neo4j" / "neo4j"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LauncherBuild:
    """The built launcher: its jar and the resolved dependency classpath."""

    directory: Path

    @property
    def jar(self) -> Path:
        return self.directory / JAR_NAME

    @property
    def classpath_file(self) -> Path:
        return self.directory / "classpath.txt"

    @property
    def stamp_file(self) -> Path:
        return self.directory / "sources.sha256"

    @property
    def log_file(self) -> Path:
        return self.directory / "build.log"

    def classpath(self) -> str:
        """The full java -cp value: the launcher jar and every Neo4j dependency."""
        return f"{self.jar}:{self.classpath_file.read_text().strip()}"

    def is_current(self) -> bool:
        """Whether the jar and classpath exist and were built from the current sources."""
        return (
            self.jar.is_file()
            and self.classpath_file.is_file()
            and self.stamp_file.is_file()
            and self.stamp_file.read_text().strip() == sources_digest()
        )


def sources_digest() -> str:
    """A digest of the pom and the Java sources, so an edit triggers a rebuild."""
    digest = hashlib.sha256()
    files = [LAUNCHER_SRC / "pom.xml", *sorted((LAUNCHER_SRC / "src").rglob("*.java"))]
    for path in files:
        digest.update(path.relative_to(LAUNCHER_SRC).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def require_tool(name: str, hint: str) -> str:
    """The path of an executable on PATH; ConfigError with an install hint if it is missing."""
    path = shutil.which(name)
    if path is None:
        raise ConfigError(f"`{name}` was not found on PATH; {hint}")
    return path


def ensure_launcher(directory: Path, *, progress: Progress = logger.info) -> LauncherBuild:
    """Build the launcher into `directory` unless an up-to-date build is already there."""
    directory = directory.resolve()
    build = LauncherBuild(directory)
    if build.is_current():
        return build
    mvn = require_tool("mvn", "install Maven 3 (Debian: apt-get install maven) to build the Neo4j launcher")
    require_tool("java", "install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)")
    directory.mkdir(parents=True, exist_ok=True)
    if not NEO4J_ARTIFACT_DIR.is_dir():
        progress("First build of the Neo4j launcher: Maven downloads ~135 MB into ~/.m2 (a few minutes)...")
    else:
        progress("Building the Neo4j launcher with Maven (about 30 s)...")
    command = [
        mvn, "-q", "-B", "-f", str(LAUNCHER_SRC / "pom.xml"),
        "package", "dependency:build-classpath",
        f"-Dgeokg.build={directory.resolve()}",
        f"-Dmdep.outputFile={build.classpath_file.resolve()}",
    ]
    with build.log_file.open("wb") as log:
        try:
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT_S,
                                    stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired as exc:
            raise StoreUnavailable(f"Maven build of the Neo4j launcher took over {BUILD_TIMEOUT_S} s; "
                                   f"see {build.log_file}") from exc
    if result.returncode != 0 or not build.jar.is_file() or not build.classpath_file.is_file():
        raise StoreUnavailable(f"Maven build of the Neo4j launcher failed (exit {result.returncode}); "
                               f"last lines of {build.log_file}:\n{tail(build.log_file)}")
    build.stamp_file.write_text(sources_digest() + "\n")
    progress(f"Neo4j launcher built in {directory}")
    return build


def tail(path: Path, lines: int = 25) -> str:
    """The last lines of a log file, for error messages."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])
