"""One entry point for every job: `nox -s check`, `nox -s serve`, `nox -s build`, `nox -s upgrade -- <torch>`.

Each session installs the project (with torch pinned in pyproject.toml) into its
own virtual environment under .nox/, so nothing touches your main environment.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["check"]


def install(session: nox.Session) -> None:
    session.install("--upgrade", "pip")
    session.install("-e", ".[test]")


@nox.session
def check(session: nox.Session) -> None:
    """Every check: lint, the claim and site tests, and the strict build."""
    install(session)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("pytest", *session.posargs)
    session.run("mkdocs", "build", "--strict")


@nox.session
def build(session: nox.Session) -> None:
    """Build the site into site/ (strict)."""
    install(session)
    session.run("mkdocs", "build", "--strict")


@nox.session
def serve(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000/ and rebuild on changes (docs/, snippets/)."""
    install(session)
    session.run("mkdocs", "serve", *session.posargs)


@nox.session
def upgrade(session: nox.Session) -> None:
    """Check the notes against another torch, e.g. `nox -s upgrade -- 2.14.1`.

    Builds its own environment (.nox/upgrade) with that torch, runs the claim tests, every example
    against the output record and the strict build there, and writes
    reports/upgrade-torch-<version>.md (the drift report) and records/torch-<version>.json (read by
    the site's version page). The main environment and the pin in pyproject.toml are untouched.
    """
    if len(session.posargs) != 1:
        session.error("usage: nox -s upgrade -- <torch version>, e.g. nox -s upgrade -- 2.14.1")
    install(session)
    session.install(f"torch=={session.posargs[0]}")
    session.run("python", "-m", "site_tools.upgrade_report")
