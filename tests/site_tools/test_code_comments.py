"""site_tools/translation/code_comments.py: code as a reader sees it (no tool comments, comments in the page's
language), and the check that every comment of the project has its Chinese in snippets/comments.toml."""

from __future__ import annotations

import ast
import json
import re

import pytest

from site_tools import layout
from site_tools.translation import code_comments, glossary

TABLE = {"a copy": "副本", "Create a tensor": "创建一个张量", "keeps its spaces": "保留空格"}


@pytest.fixture
def project(tmp_path):
    """A project with one snippet and the translations `TABLE`: (root, snippet path, write(table))."""
    snippet = tmp_path / "snippets" / "t" / "x.py"
    snippet.parent.mkdir(parents=True)

    def write_table(table):
        lines = [
            f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
            for k, v in table.items()
        ]
        (tmp_path / code_comments.TRANSLATIONS).write_text("\n".join(lines) + "\n", encoding="utf-8")

    write_table(TABLE)
    return tmp_path, snippet, write_table


def shown(code, language, root):
    return code_comments.displayed(code, language, root)


# --- tool comments ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_a_line_that_is_only_a_tool_comment_disappears(project, language):
    root, _, _ = project
    code = "# shows-warning: UserWarning\nimport torch\n    # fmt: skip\nx = 1\n"
    assert shown(code, language, root) == "import torch\nx = 1\n"


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_a_trailing_tool_comment_goes_with_the_spaces_before_it(project, language):
    root, _, _ = project
    code = "x = [[1, 2],\n     [3, 4]]  # fmt: skip\ny = 2 # noqa: E501\n"
    assert shown(code, language, root) == "x = [[1, 2],\n     [3, 4]]\ny = 2\n"


def test_a_comment_keeps_its_words_when_a_tool_comment_follows_them(project):
    root, _, _ = project
    code = "y = x.clone()  # a copy  # fmt: skip\n"
    assert shown(code, "en", root) == "y = x.clone()  # a copy\n"
    assert shown(code, "zh", root) == "y = x.clone()  # 副本\n"


def test_a_hash_inside_a_string_is_not_a_comment(project):
    root, _, _ = project
    code = 'print("# shows-warning: UserWarning")\ns = "a copy"  # a copy\nt = """\n# fmt: skip\n"""\n'
    assert shown(code, "en", root) == code
    assert shown(code, "zh", root) == code.replace("# a copy\n", "# 副本\n")


def test_code_that_does_not_tokenize_is_shown_as_written(project):
    root, _, _ = project
    code = 'x = (1,  # a copy\ns = "unterminated\n'
    assert shown(code, "zh", root) == code


# --- comments in the page's language ----------------------------------------------------------------


def test_a_chinese_page_shows_the_chinese_comment_an_english_page_the_english_one(project):
    root, _, _ = project
    code = "import torch\n\n# Create a tensor\nx = torch.arange(3)\ny = x.clone()  # a copy\n"
    assert (
        shown(code, "zh", root)
        == "import torch\n\n# 创建一个张量\nx = torch.arange(3)\ny = x.clone()  # 副本\n"
    )
    assert shown(code, "en", root) == code


def test_indentation_inside_a_comment_and_before_it_is_kept(project):
    root, _, _ = project
    code = "if True:\n    #   keeps its spaces\n    pass\n"
    assert shown(code, "zh", root) == "if True:\n    #   保留空格\n    pass\n"


def test_a_comment_without_translation_is_shown_as_written(project):
    root, _, _ = project
    code = "x = 1  # not in the table\n"
    assert shown(code, "zh", root) == code


def test_a_project_without_translations_shows_its_comments_as_written(tmp_path):
    assert shown("x = 1  # a copy  # fmt: skip\n", "zh", tmp_path) == "x = 1  # a copy\n"


def test_an_edited_table_is_read_again(project):
    root, _, write_table = project
    assert shown("# a copy\n", "zh", root) == "# 副本\n"
    write_table({**TABLE, "a copy": "一份副本"})
    assert shown("# a copy\n", "zh", root) == "# 一份副本\n"


def test_lines_keep_their_place_but_for_removed_ones(project):
    root, _, _ = project
    code = "# shows-warning: UserWarning\nimport torch\n# Create a tensor\nx = 1  # fmt: skip\n"
    view = code_comments.shown(code, "zh", root)
    assert view.lines == {2: 1, 3: 2, 4: 3}
    assert view.code.splitlines()[view.lines[3] - 1] == "# 创建一个张量"


# --- warnings as a kernel running the displayed code prints them --------------------------------------

CODE = "# shows-warning: UserWarning\nimport warnings\n\nwarnings.warn('careful')  # a copy\nprint(1)\n"
OUTPUT = (
    "snippets/t/x.py:4: UserWarning: careful\n  warnings.warn('careful')  # a copy\n"
    "1\n"
    "elsewhere.py:4: UserWarning: careful\n  warnings.warn('careful')  # a copy\n"
)


def test_a_warning_is_renumbered_and_shows_the_displayed_source_line(project):
    root, _, _ = project
    assert code_comments.output_as_displayed(OUTPUT, "snippets/t/x.py", CODE, "zh", root) == (
        "snippets/t/x.py:3: UserWarning: careful\n  warnings.warn('careful')  # 副本\n"
        "1\n"
        "elsewhere.py:4: UserWarning: careful\n  warnings.warn('careful')  # a copy\n"
    ), "only warnings about this code change"
    english = code_comments.output_as_displayed(OUTPUT, "snippets/t/x.py", CODE, "en", root)
    assert english.startswith(
        "snippets/t/x.py:3: UserWarning: careful\n  warnings.warn('careful')  # a copy\n"
    )


def test_a_warning_over_several_lines_is_renumbered_too(project):
    root, _, _ = project
    output = "<cell 2>:4: UserWarning: line one\nline two\n  warnings.warn('careful')  # a copy\n"
    assert code_comments.output_as_displayed(output, "<cell 2>", CODE, "zh", root) == (
        "<cell 2>:3: UserWarning: line one\nline two\n  warnings.warn('careful')  # 副本\n"
    )


def test_output_without_warnings_about_the_code_is_left_alone(project):
    root, _, _ = project
    for output in ("1\n", "x.py:4: not a warning line\n"):
        assert code_comments.output_as_displayed(output, "snippets/t/x.py", CODE, "zh", root) == output


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_a_not_shown_marker_hides_itself_and_what_follows_and_only_that(project, language):
    root, snippet, write_table = project
    write_table({"a copy": "副本"})
    code = "x = 1  # a copy\n\n# not-shown: makes the table\ny = 2  # no Chinese needed\n"
    assert shown(code, language, root) == {"zh": "x = 1  # 副本\n", "en": "x = 1  # a copy\n"}[language]
    assert code_comments.hidden_from(code) == 3
    snippet.write_text(code, encoding="utf-8")
    assert code_comments.problems(root) == []
    # counter-cases: not at the start of a line, or without a reason, it is an ordinary comment
    for ordinary in ("x = 1  # not-shown: makes the table\n", "# not-shown:\nx = 1\n"):
        assert code_comments.hidden_from(ordinary) is None
        assert "x = 1" in shown(ordinary, language, root)


# --- the check ----------------------------------------------------------------------------------------


def test_a_comment_without_its_chinese_is_named_with_its_file_and_line(project):
    root, snippet, _ = project
    snippet.write_text("import torch\n\nx = 1  # a copy\ny = 2  # not in the table\n", encoding="utf-8")
    problems = code_comments.problems(root)
    assert len(problems) == 3, problems
    assert problems[0].startswith("snippets/t/x.py:4: no Chinese for this comment")
    assert '"not in the table" = "<中文>"' in problems[0]
    assert all("is the text of no comment any more" in p for p in problems[1:])  # the two unused entries


def test_an_entry_no_comment_uses_is_named(project):
    root, snippet, _ = project
    snippet.write_text("# Create a tensor\nx = 1  # a copy\n#   keeps its spaces\n", encoding="utf-8")
    assert code_comments.problems(root) == []
    snippet.write_text("# Create a tensor\nx = 1  # a copy\n", encoding="utf-8")
    unused = '"keeps its spaces" is the text of no comment any more: remove its line'
    assert code_comments.problems(root) == [f"{code_comments.TRANSLATIONS}: {unused}"]


def test_a_comment_written_in_chinese_is_refused(project):
    root, snippet, write_table = project
    write_table({})
    snippet.write_text("x = 1  # 副本\n", encoding="utf-8")
    english = f"write code comments in English, and their Chinese in {code_comments.TRANSLATIONS}"
    assert code_comments.problems(root) == [f"snippets/t/x.py:1: {english}"]


def test_tool_comments_strings_and_the_scaffolds_placeholder_need_no_translation(project):
    from site_tools.new import MARKER

    root, snippet, write_table = project
    write_table({})
    snippet.write_text(
        f'# shows-warning: UserWarning\nprint("# not a comment")  # fmt: skip\n# {MARKER}: replace me\n',
        encoding="utf-8",
    )
    assert code_comments.problems(root) == []


def test_a_notebook_cells_comment_is_named_with_its_cell_and_line(project):
    import nbformat
    from nbformat import v4

    root, _, write_table = project
    write_table({})
    path = root / "docs" / "zh" / "t" / "n.ipynb"
    path.parent.mkdir(parents=True)
    cells = [v4.new_markdown_cell("# 标题"), v4.new_code_cell("x = 1"), v4.new_code_cell("x\n# a copy")]
    nbformat.write(v4.new_notebook(cells=cells), path)
    problems = code_comments.problems(root)
    assert len(problems) == 1
    assert problems[0].startswith("docs/zh/t/n.ipynb, cell 2, line 2: no Chinese for this comment")


# --- this repository --------------------------------------------------------------------------------


def test_every_comment_of_the_project_has_its_chinese_and_every_translation_is_used():
    problems = code_comments.problems(layout.ROOT)
    assert problems == [], "\n".join(problems)


SOURCES = code_comments.code_sources(layout.ROOT)


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_displayed_code_runs_the_same_and_carries_no_tool_comment(language):
    for where, code in SOURCES:
        displayed = code_comments.displayed(code, language, layout.ROOT)
        assert not re.search(r"#\s*(shows-warning|fmt:|noqa)", displayed), where
        # comments and blank lines aside, the same program (line numbers are not part of the dump), but
        # for what a `# not-shown:` marker keeps out of sight
        hidden = code_comments.hidden_from(code)
        runs = "".join(code.splitlines(keepends=True)[: hidden - 1]) if hidden else code
        assert ast.dump(ast.parse(displayed)) == ast.dump(ast.parse(runs)), where


def test_chinese_comments_follow_the_glossary():
    """The rules of translation/glossary.py, on each comment and its Chinese (code words left out)."""
    found = []
    for english, chinese in code_comments.translations(layout.ROOT).items():
        words = re.sub(r"\S*[()\[\]._=]\S*", " ", english)  # view(), x.data, out=, stride[0]: code
        if "您" in chinese:
            found.append(f"{chinese!r}: address the reader as 你")
        for term in glossary.TERMS:
            found += [
                f"{chinese!r}: write {term.zh}, not {banned}"
                for banned in term.banned_zh
                if banned in chinese
            ]
            if (
                term.paired
                and re.search(rf"\b(?:{term.en})\b", words, flags=re.IGNORECASE)
                and term.zh not in chinese
            ):
                found.append(
                    f"{english!r} says {term.shown_en!r}: its Chinese {chinese!r} should say {term.zh}"
                )
        if re.search(r"步长\s*[（(]\s*stride", chinese, flags=re.IGNORECASE):
            found.append(f"{chinese!r}: a stride is 步幅")
    assert found == [], "\n".join(found)


# --- where the build uses it: notes written as notebooks ---------------------------------------------


@pytest.mark.process  # runs in the forkserver, a fresh Python that imports torch
def test_the_executed_copy_of_a_written_notebook_shows_its_cells_as_a_page_does(tmp_path):
    import nbformat
    from nbformat import v4

    from site_tools import notebooks

    path = tmp_path / "docs" / "zh" / "n.ipynb"
    path.parent.mkdir(parents=True)
    (tmp_path / code_comments.TRANSLATIONS).parent.mkdir()
    (tmp_path / code_comments.TRANSLATIONS).write_text('"warns" = "发出警告"\n', encoding="utf-8")
    cells = [
        v4.new_code_cell("import warnings\n\ndef warn():\n    warnings.warn('careful')  # warns"),
        v4.new_code_cell("# shows-warning: UserWarning\nx = [1,\n     2]  # fmt: skip\nwarn()"),
    ]
    nbformat.write(v4.new_notebook(cells=cells), path)
    executed = notebooks.execute_file(path, tmp_path)
    first, second = executed.cells
    assert first.source.endswith("warnings.warn('careful')  # 发出警告"), "docs/zh/: the Chinese comment"
    assert second.source == "x = [1,\n     2]\nwarn()"
    assert (
        second.outputs[0].text == "<cell 1>:4: UserWarning: careful\n  warnings.warn('careful')  # 发出警告\n"
    )
    english = notebooks.execute_file(path, tmp_path, language="en")
    assert english.cells[0].source.endswith("# warns")
    assert nbformat.read(path, as_version=4).cells[1].source.startswith("# shows-warning"), "file unchanged"
