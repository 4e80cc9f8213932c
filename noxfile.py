"""One entry point for every job: `nox -s check`, `nox -s serve`, `nox -s build`, `nox -s upgrade -- <torch>`,
and the contributor's commands `nox -s new -- …` and `nox -s mark -- …`.

The project (with torch pinned in pyproject.toml) is installed into a virtual environment under
.nox/, so nothing touches your main environment. An environment is reused as long
as pyproject.toml is unchanged (a second `nox -s check` starts testing within seconds); after a change
to pyproject.toml it is brought up to date first. All sessions but `upgrade` share one environment,
.nox/check; `upgrade` has its own (.nox/upgrade), since it installs another torch.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import nox
import nox.virtualenv

SUPPORTED_PYTHON = (3, 11)  # the one version the pins, the output record and CI are made for

nox.options.default_venv_backend = "venv"
# nox looks for uv before every session, even one with venv_backend="none", and logs "uv binary not found"
# where there is none. This project never uses uv: say so in the values nox reads first (they are
# module attributes it computes on first use, and its own tests set them the same way).
nox.virtualenv.HAS_UV, nox.virtualenv.UV, nox.virtualenv.UV_VERSION = (
    False,
    "uv",
    nox.virtualenv.version.Version("0"),
)
nox.options.sessions = ["check"]
nox.options.reuse_venv = "yes"

if sys.version_info[:2] != SUPPORTED_PYTHON:
    wanted = ".".join(map(str, SUPPORTED_PYTHON))
    sys.exit(
        f"This project supports Python {wanted} only (the pinned packages, the output record and CI use "
        f"it); nox is running on Python {sys.version.split()[0]}. Install Python {wanted}, then run "
        f"python{wanted} -m pip install nox==2026.10.20 && python{wanted} -m nox -s check"
    )

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT))
from site_tools import layout  # noqa: E402  (the project's layout: the standard library only)

PYPROJECT = ROOT / "pyproject.toml"
PROJECT_ENV = ROOT / ".nox" / "check"  # shared by check, quick, build, serve, new and mark
TESTED_SITE = "NOTES_TESTED_SITE"  # where the tests build the site (tests/conftest.py)
RECORD_TEST = "tests/test_output_record.py"  # the output record's test: `nox -s record` refreshes it


def install(session: nox.Session, python: str) -> None:
    """Install the project and its test tools with `python`, unless its environment has this pyproject.toml.

    `nox --install-only` runs these; `nox -R` (--no-install) skips them, stamp included.
    """
    stamp = Path(python).parent.parent / ".pyproject-sha256"
    digest = hashlib.sha256(PYPROJECT.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest:
        session.log("environment up to date with pyproject.toml: nothing to install")
        return
    session.run_install(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip", external=True)
    session.run_install(python, "-m", "pip", "install", "--quiet", "-e", ".[test]", external=True)
    # written by the environment's Python, so that it is skipped exactly when the installs are (-R)
    session.run_install(python, "-c", f"open({str(stamp)!r}, 'w').write({digest!r})", external=True)


def project_env(session: nox.Session) -> Callable[..., None]:
    """The project's environment (.nox/check), made and brought up to date; a runner of its commands."""
    bin_dir = PROJECT_ENV / "bin"
    if not (bin_dir / "python").exists():
        session.run_install(sys.executable, "-m", "venv", str(PROJECT_ENV), external=True)
    install(session, str(bin_dir / "python"))

    def run(command: str, *args: str, env: dict[str, str] | None = None) -> None:
        # Python writes .pyc files, as on a usual machine, even where PYTHONDONTWRITEBYTECODE is set:
        # the checks then see what a newcomer's machine does, and pytest keeps its rewritten tests.
        env = {"PYTHONDONTWRITEBYTECODE": "", **(env or {})}
        session.run(str(bin_dir / command), *args, external=True, env=env)

    return run


@nox.session(venv_backend="none")
def check(session: nox.Session) -> None:
    """Every check: lint, the claim and site tests, and the strict build (site/, which CI publishes).

    The tests build site/ themselves (tests/conftest.py `built_site`) and test that very folder; nox
    builds it only when the tests selected did not need it (`nox -s check -- -k …`).
    """
    import shutil

    run = project_env(session)
    run("ruff", "check", ".")
    run("ruff", "format", "--check", ".")
    site = ROOT / "site"
    if site.exists():
        shutil.rmtree(site)  # a site/ left from before is never taken as tested (an error stops here)
    # pytest on every core (pytest-xdist); a run ending early fails
    run(
        "python",
        "-m",
        "site_tools.test_run",
        *layout.PYTEST_WORKERS,
        *session.posargs,
        env={TESTED_SITE: str(site)},
    )
    if not (site / "index.html").is_file():
        run("mkdocs", "build", "--strict")


@nox.session(venv_backend="none")
def quick(session: nox.Session) -> None:
    """Formatting, the claims, the contract and the unit tests: no site build, browser or kernel."""
    run = project_env(session)
    run("ruff", "check", ".")
    run("ruff", "format", "--check", ".")  # `nox -s fmt` fixes what it finds
    run(
        "python",
        "-m",
        "site_tools.test_run",
        *layout.PYTEST_WORKERS,
        "-m",
        layout.QUICK_CHECK,
        *session.posargs,
    )


@nox.session(venv_backend="none")
def fmt(session: nox.Session) -> None:
    """Format the Python files and fix what ruff can fix (what `quick` and `check` would refuse)."""
    run = project_env(session)
    run("ruff", "format", ".")
    run("ruff", "check", "--fix", ".")


@nox.session(venv_backend="none")
def build(session: nox.Session) -> None:
    """Build the site into site/ (strict)."""
    project_env(session)("mkdocs", "build", "--strict")


@nox.session(venv_backend="none")
def serve(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000/ (another port: `nox -s serve -- -a 127.0.0.1:8001`).

    On a change in docs/ or snippets/ it renders again only the pages made from what changed (`--dirty`,
    site_tools/mkdocs_hooks/dependencies.py).
    """
    project_env(session)("mkdocs", "serve", "--dirty", *session.posargs)


@nox.session(venv_backend="none")
def new(session: nox.Session) -> None:
    """Scaffold a new note: `nox -s new -- memory/pin_memory "固定内存" "Pinned Memory" [--notebook]`."""
    project_env(session)("python", "-m", "site_tools.new", *session.posargs)


@nox.session(venv_backend="none")
def mark(session: nox.Session) -> None:
    """Translation freshness: `nox -s mark` lists stale pages; `nox -s mark -- docs/en/x.md` marks one."""
    args = ["--mark", *session.posargs] if session.posargs else []
    project_env(session)("python", "-m", "site_tools.translation.freshness", *args)


@nox.session(venv_backend="none")
def record(session: nox.Session) -> None:
    """Record what every example prints and every claim's result on the pinned torch, after reading them.

    Writes the output record (tests/__snapshots__/), records/torch-<pin>.json and reports/: after adding or
    changing an example, a notebook or a claim test. Each file changes only where a result changed.
    """
    run = project_env(session)
    run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", RECORD_TEST, "--snapshot-update")
    run("python", "-m", "site_tools.upgrade_report")


@nox.session(venv_backend="none")
def newcomer(session: nox.Session) -> None:
    """The README's check command as a newcomer runs it: a fresh clone of HEAD, no local wheels or pip config.

    `nox -s newcomer -- <folder>` clones into <folder> (default: a new temporary folder), then runs
    `python -m pip install nox==… && python -m nox -s check` there with pip's configuration files and
    PIP_FIND_LINKS ignored, so torch comes from the package index as on a normal machine (on Linux
    the CUDA build, several GB). Not part of `check`: it downloads and builds everything again.
    """
    import tempfile

    folder = Path(session.posargs[0]) if session.posargs else Path(tempfile.mkdtemp(prefix="newcomer-"))
    session.run("git", "clone", "--quiet", str(ROOT), str(folder), external=True)
    # pip reads PIP_FIND_LINKS even without configuration files: point it at an empty folder
    env = {"PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": tempfile.mkdtemp(prefix="no-wheels-")}
    with session.chdir(folder):
        session.run(
            sys.executable, "-m", "pip", "install", "--quiet", "nox==2026.10.20", env=env, external=True
        )
        session.run(sys.executable, "-m", "nox", "-s", "check", env=env, external=True)
    session.log(f"the newcomer's check passed in {folder}")


def received_bytes() -> int | None:
    """Bytes received on every network interface so far (Linux), to measure what an install downloads."""
    try:
        lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    except OSError:
        return None
    return sum(int(line.split(":", 1)[1].split()[0]) for line in lines)


def numpy_for(torch_release: str) -> str | None:
    """The NumPy a torch release needs, if not the project's pin: torch < 2.3 is built against NumPy 1.x."""
    major, minor = (int(part) for part in torch_release.split(".")[:2])
    return "numpy<2" if (major, minor) < (2, 3) else None


@nox.session(venv_backend="none")
def upgrade(session: nox.Session) -> None:
    """Check the notes against other torch releases: `nox -s upgrade -- 2.15.0 [2.0.1 …] [--keep]`.

    For each release, in turn: makes a fresh environment (.nox/upgrade) with the project and that
    torch (and the NumPy it needs: NumPy 1.x before torch 2.3, else the project's pin; `--numpy=SPEC`
    chooses another), runs the claim tests, every example against the output record and the strict
    build there, and writes reports/upgrade-torch-<release>.md (the drift report) and
    records/torch-<release>.json (read by the site's version page), both with the time and download
    the release cost. Then it deletes the environment (CUDA builds take several GB), unless --keep.
    The main environment and the pin in pyproject.toml are untouched.
    """
    releases = [arg for arg in session.posargs if not arg.startswith("--")]
    options = dict(
        arg.removeprefix("--").partition("=")[::2] for arg in session.posargs if arg.startswith("--")
    )
    unknown = set(options) - {"keep", "numpy"}
    if not releases or unknown:
        session.error(
            "usage: nox -s upgrade -- <torch release> [<release> …] [--numpy=SPEC] [--keep], "
            "e.g. nox -s upgrade -- 2.15.0"
        )
    import shutil
    import time

    env_dir = ROOT / ".nox" / "upgrade"
    python = str(env_dir / "bin" / "python")
    for wanted in releases:
        shutil.rmtree(env_dir, ignore_errors=True)
        started, received = time.monotonic(), received_bytes()
        session.run(sys.executable, "-m", "venv", str(env_dir), external=True)
        install(session, python)
        numpy = options.get("numpy") or numpy_for(wanted)
        session.run(
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            f"torch=={wanted}",
            *([numpy] if numpy else []),
            env={"PIP_NO_CACHE_DIR": "1"},  # the environment is deleted: do not keep its wheels twice
            external=True,
        )
        cost = [f"--install-seconds={time.monotonic() - started:.0f}"]
        if received is not None:
            cost.append(f"--download-bytes={received_bytes() - received}")
        session.run(python, "-m", "site_tools.upgrade_report", "--expect-torch", wanted, *cost, external=True)
        if "keep" not in options:
            shutil.rmtree(env_dir)
            session.log(f"deleted {env_dir} (torch {wanted}): its record and report are written")
