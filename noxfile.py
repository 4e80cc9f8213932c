"""One entry point for every job: `nox -s check`, `nox -s serve`, `nox -s build`.

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
