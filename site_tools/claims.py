"""Claims: every sentence a page says about how PyTorch or NumPy behaves, bound to the tests that assert it.

A page states a claim in its own language, in place, with a marker around the sentence:

    <claim id="mask-is-not-broadcast">布尔掩码不会广播：……</claim>          (docs/zh/…)
    <claim id="mask-is-not-broadcast">A boolean mask is never broadcast: …</claim>  (docs/en/…)

Each sentence is written once per language, where it belongs; the id binds the two languages and
the tests. A test asserts a claim by naming it:

    @pytest.mark.claim("mask-is-not-broadcast")
    def test_a_mask_of_another_shape_raises(run_snippet): ...

What this module offers, to the build and to the checks alike:
- `claims_in(text)`: the claims a page's Markdown (or a notebook's Markdown cells) states, in order;
- `claim_tests(root)`: {claim id: [test node ids]} read from the test files (without importing them);
- `render(text, link)`: the page's Markdown with each claim marked up and linked to its test results;
- `strip(text)`: the sentences without their markers (downloaded notebooks, plain text).

The rules are checked in tests/test_claims.py: every claim is stated in both languages, has a test,
every test in a claim-test folder (tests/<topic>/) asserts a claim that a page states, and a test bound
to a claim asserts something (`silent_claim_tests`).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_tools import layout

# <claim id="some-id">a sentence, which may hold inline Markdown</claim>
_CLAIM = re.compile(r'<claim id="(?P<id>[^"]*)">(?P<text>.*?)</claim>', flags=re.DOTALL)
_ANY_TAG = re.compile(r"</?claim\b[^>]*>")
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKER = "claim"  # the pytest marker: @pytest.mark.claim("<id>")


class ClaimSyntaxError(ValueError):
    """A claim marker that cannot be read; the message says where and what to do."""


@dataclass(frozen=True)
class Claim:
    id: str
    text: str  # the sentence as written (inline Markdown)


def anchor(claim_id: str) -> str:
    """The HTML id of a claim, on the page that states it and on the version page."""
    return f"claim-{claim_id}"


def claims_in(text: str, where: str = "page") -> list[Claim]:
    """The claims a Markdown text states, in order. Raises ClaimSyntaxError for a malformed marker."""
    found = []
    for match in _CLAIM.finditer(text):
        claim_id, sentence = match.group("id"), match.group("text")
        if not ID_SHAPE.match(claim_id):
            raise ClaimSyntaxError(
                f'{where}: claim id "{claim_id}" must be lower-case words joined by hyphens, '
                'e.g. <claim id="mask-is-not-broadcast">'
            )
        if _ANY_TAG.search(sentence):
            raise ClaimSyntaxError(
                f'{where}: claim "{claim_id}" contains another claim marker; close it first'
            )
        if not sentence.strip():
            raise ClaimSyntaxError(f'{where}: claim "{claim_id}" has no sentence between its markers')
        found.append(Claim(claim_id, " ".join(sentence.split())))
    leftover = _ANY_TAG.findall(_CLAIM.sub("", text))
    if leftover:
        raise ClaimSyntaxError(
            f"{where}: {leftover[0]!r} is not part of a well-formed claim: "
            'write <claim id="some-id">the sentence</claim> on one paragraph'
        )
    return found


def strip(text: str) -> str:
    """The text with claim markers removed and their sentences kept."""
    return _CLAIM.sub(lambda m: m.group("text"), text)


def _span(match: re.Match) -> str:
    return f'<span class="claim" id="{anchor(match.group("id"))}">{match.group("text")}</span>'


@dataclass(frozen=True)
class Note:
    """Beside a claim that does not hold alike on every recorded release: the words, in the page's
    language ("fails on torch 2.15.0"), and whether it fails somewhere (else only its words differ)."""

    text: str
    fails: bool


def _note(notes: dict[str, Note] | None, claim_id: str) -> str:
    """The claim's release note (`verified.claim_notes`, in the page's language) after its check link:
    a claim that fails on a recorded release says so in words, marked as a warning."""
    note = (notes or {}).get(claim_id)
    if not note:
        return ""
    kind = "claim-note claim-note--fails" if note.fails else "claim-note"
    return f' <span class="{kind}">{note.text}</span>'


NO_BREAK = "\u2060"
"""WORD JOINER between a claim and its ✓: a line never starts with the ✓ (after 。 Chinese text may
break anywhere, and the ✓ then read as the start of the next sentence)."""


def render(text: str, link: str, title: str, notes: dict[str, Note] | None = None) -> str:
    """Markdown with each claim as a marked sentence followed by a link to its test results.

    `link` is the version page's path relative to the page (e.g. "../versions.md"); `title` the
    link's tooltip in the page's language. The link is Markdown, so MkDocs checks the anchor exists.
    `notes`: {claim id: note} for claims that do not hold on every recorded torch release.
    """
    return _CLAIM.sub(
        lambda m: (
            f'{_span(m)}{NO_BREAK}[✓]({link}#{anchor(m.group("id"))} "{title}"){{: .claim-check }}'
            + _note(notes, m.group("id"))
        ),
        text,
    )


def spans(text: str) -> str:
    """Each claim as `<span class="claim" id="claim-…">`: for a notebook's Markdown cells."""
    return _CLAIM.sub(_span, text)


_RENDERED_SPAN = re.compile(r'(<span class="claim" id="(?P<anchor>claim-[a-z0-9-]+)">.*?</span>)', re.DOTALL)


def link_spans(html: str, href: str, title: str, notes: dict[str, Note] | None = None) -> str:
    """HTML with a check link after every claim span (a notebook page, rendered by mkdocs-jupyter)."""
    return _RENDERED_SPAN.sub(
        lambda m: (
            f"{m.group(1)}{NO_BREAK}"
            f'<a class="claim-check" href="{href}#{m.group("anchor")}" title="{title}">✓</a>'
            + _note(notes, m.group("anchor").removeprefix("claim-"))
        ),
        html,
    )


# --- tests ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimTest:
    node: str  # "tensor_ops/test_boolean_mask_indexing.py::test_x" (relative to tests/)
    claims: tuple[str, ...]
    message: bool = False  # @pytest.mark.message: checks only the wording of a quoted message
    gpu: bool = False  # @pytest.mark.cuda: runs only on a machine with a CUDA GPU (skipped elsewhere)


def _marker_ids(decorator: ast.expr, where: str) -> list[str]:
    """The claim ids of `@pytest.mark.claim("a", "b")`; [] for any other decorator."""
    if not isinstance(decorator, ast.Call):
        return []
    func = decorator.func
    if not (
        isinstance(func, ast.Attribute) and func.attr == MARKER and ast.unparse(func.value) == "pytest.mark"
    ):
        return []
    ids = []
    for arg in decorator.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise ClaimSyntaxError(
                f'{where}: write claim ids as plain strings: @pytest.mark.claim("some-id")'
            )
        ids.append(arg.value)
    if not ids:
        raise ClaimSyntaxError(f'{where}: name the claim the test asserts: @pytest.mark.claim("some-id")')
    return ids


def _is_message_marker(decorator: ast.expr) -> bool:
    """`@pytest.mark.message`: the test checks only the wording of a message the page quotes."""
    return ast.unparse(decorator) in ("pytest.mark.message", "mark.message")


def _is_gpu_marker(decorator: ast.expr) -> bool:
    """`@pytest.mark.cuda`: the test needs a CUDA GPU (elsewhere it is skipped)."""
    return ast.unparse(decorator) in ("pytest.mark.cuda", "mark.cuda")


def tests_in(path: Path, tests_dir: Path) -> list[ClaimTest]:
    """Every test function of a test file, with the claims its markers name (possibly none)."""
    module = path.relative_to(tests_dir).as_posix()
    return list(_tests_in_source(module, path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=1024)  # process state: bounded, keyed on the file's text
def _tests_in_source(module: str, source: str) -> tuple[ClaimTest, ...]:
    """`tests_in` for a file's text, parsed once per text, wherever the project lies (a build and the
    tests ask many times, the tests about copies of the project too)."""
    tree = ast.parse(source, filename=f"tests/{module}")
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            where = f"tests/{module}::{node.name}"
            ids = [i for d in node.decorator_list for i in _marker_ids(d, where)]
            message = any(_is_message_marker(d) for d in node.decorator_list)
            gpu = any(_is_gpu_marker(d) for d in node.decorator_list)
            found.append(ClaimTest(f"{module}::{node.name}", tuple(ids), message, gpu))
    return tuple(found)


# --- a claim test must test ---------------------------------------------------------------------------

# Context managers and calls that assert: pytest's, unittest's and NumPy's/torch's testing helpers.
_ASSERTING_CALLS = re.compile(r"(?:^|\.)(?:raises|warns|deprecated_call|fail|assert\w*)$")


def _asserting_call(node: ast.AST) -> bool:
    """`pytest.raises(...)`, `pytest.warns(...)`, `np.testing.assert_equal(...)`, `self.assertTrue(...)`."""
    return isinstance(node, ast.Call) and bool(_ASSERTING_CALLS.search(ast.unparse(node.func)))


def _asserting(node: ast.AST) -> bool:
    """An `assert` statement (not of a constant, as `assert True`), or an asserting call."""
    return (isinstance(node, ast.Assert) and not isinstance(node.test, ast.Constant)) or _asserting_call(node)


def _reaches(
    function: ast.AST,
    helpers: dict[str, ast.AST],
    found: Callable[[ast.AST], bool],
    seen: frozenset[str] = frozenset(),
) -> bool:
    """Whether a node `found` accepts is in a function's body, or in a function of the same module that
    it calls (followed once per name)."""
    for node in ast.walk(function):
        if found(node):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in helpers and name not in seen:
                if _reaches(helpers[name], helpers, found, seen | {name}):
                    return True
    return False


def _module_functions(source: str, module: str) -> tuple[list[ast.FunctionDef], dict[str, ast.FunctionDef]]:
    """A test file's module-level functions, and those of them that are not tests (its helpers)."""
    tree = ast.parse(source, filename=f"tests/{module}")
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    return functions, {f.name: f for f in functions if not f.name.startswith("test")}


@functools.lru_cache(maxsize=1024)  # process state: bounded, keyed on the file's text
def _silent_tests_in_source(module: str, source: str) -> tuple[str, ...]:
    """Node ids of the claim tests in a file's text whose body asserts nothing."""
    functions, helpers = _module_functions(source, module)
    claimed = {t.node for t in _tests_in_source(module, source) if t.claims}
    return tuple(
        f"{module}::{f.name}"
        for f in functions
        if f"{module}::{f.name}" in claimed and not _reaches(f, helpers, _asserting)
    )


def _in_claim_test_files(root: Path, found: Callable[[str, str], tuple[str, ...]]) -> list[str]:
    """What `found(module, source)` finds in each claim-test file of the project, in file order."""
    tests_dir = root / "tests"
    return [
        node
        for path in layout.claim_test_files(root)
        for node in found(path.relative_to(tests_dir).as_posix(), path.read_text(encoding="utf-8"))
    ]


def silent_claim_tests(root: Path) -> list[str]:
    """Node ids of the tests bound to a claim that assert nothing: no `assert`, no `pytest.raises`,
    `pytest.warns` or other asserting call, in their body or in a function of their module that they
    call. Read statically (`ast`), without importing the tests."""
    return _in_claim_test_files(root, _silent_tests_in_source)


# --- a claim test that starts a Python is left out of the quick check ----------------------------------


def _starts_python(node: ast.AST) -> bool:
    """A call given `sys.executable` (`subprocess.run([sys.executable, "-c", code])` and the like)."""
    return isinstance(node, ast.Call) and "sys.executable" in ast.unparse(node)


def _marked(function: ast.AST, mark: str) -> bool:
    return any(ast.unparse(d).split("(", 1)[0] == f"pytest.mark.{mark}" for d in function.decorator_list)


@functools.lru_cache(maxsize=1024)  # process state: bounded, keyed on the file's text
def _unmarked_processes_in_source(module: str, source: str) -> tuple[str, ...]:
    functions, helpers = _module_functions(source, module)
    return tuple(
        f"{module}::{f.name}"
        for f in functions
        if f.name.startswith("test") and not _marked(f, "process") and _reaches(f, helpers, _starts_python)
    )


def unmarked_fresh_processes(root: Path) -> list[str]:
    """Node ids of claim tests that start a fresh Python (a call given `sys.executable`, in their body or
    in a function of their module that they call) without `@pytest.mark.process`, the mark that keeps
    them out of the quick check (each such process imports torch again: one to three seconds)."""
    return _in_claim_test_files(root, _unmarked_processes_in_source)


def all_claim_tests(root: Path) -> list[ClaimTest]:
    tests_dir = root / "tests"
    return [test for path in layout.claim_test_files(root) for test in tests_in(path, tests_dir)]


def claim_tests(root: Path) -> dict[str, list[str]]:
    """{claim id: [node ids of the tests asserting it]}."""
    bound: dict[str, list[str]] = {}
    for test in all_claim_tests(root):
        for claim_id in test.claims:
            bound.setdefault(claim_id, []).append(test.node)
    return bound


def message_tests(root: Path) -> set[str]:
    """Node ids of the claim tests marked `message` (they check a quoted message's wording only)."""
    return {test.node for test in all_claim_tests(root) if test.message}


def gpu_tests(root: Path) -> set[str]:
    """Node ids of the claim tests marked `cuda` (they run only where a CUDA GPU is)."""
    return {test.node for test in all_claim_tests(root) if test.gpu and test.claims}


def function_of(node_id: str) -> str:
    """A record's node id without its parameters: `m.py::test_x[a]` -> `m.py::test_x`."""
    return node_id.split("[", 1)[0]


# --- pages ------------------------------------------------------------------------------------------


def page_markdown(root: Path, language: str, page: str) -> str:
    """A page's Markdown; for a notebook, its Markdown cells."""
    path = layout.page_path(root, language, page)
    if path.suffix == ".ipynb":
        import nbformat

        cells = nbformat.read(path, as_version=4).cells
        return "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def all_pages(root: Path, language: str) -> list[str]:
    return sorted(layout.pages(root, language) + layout.notebook_pages(root, language))


def page_claims(root: Path, language: str) -> dict[str, list[Claim]]:
    """{page: its claims in order} for every page (Markdown or notebook) of a language."""
    return {
        page: claims_in(page_markdown(root, language, page), f"docs/{language}/{page}")
        for page in all_pages(root, language)
    }
