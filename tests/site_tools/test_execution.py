"""The one runner (site_tools/execution): snippets and notebook cells, on small code written by each test.

Snippets are files under a temporary project's snippets/; notebook cells are lists of sources.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from site_tools import execution, notebooks
from site_tools.execution import ExecutionError, runner
from site_tools.rendering.output import render_output, visible_text


def run_snippet(path, *, timeout_s=None) -> str:
    """The output of snippets/<…>.py under a temporary project (its root two folders up)."""
    return execution.run_file(path, path.parents[2], timeout_s=timeout_s).output


def run_cells(cells, name, *, timeout_s=None):
    """A notebook's cells, run as the build runs them: (namespace, nbformat outputs per cell)."""
    run = execution.run(cells, name, notebook=True, timeout_s=timeout_s)
    return run.namespace, notebooks.outputs(run)


# --- snippets ----------------------------------------------------------------------------------------


@pytest.fixture
def write_snippet(tmp_path, monkeypatch):

    def write(name: str, code: str):
        path = tmp_path / "snippets" / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
        return path

    return write


def test_captures_print_and_stdout_write_in_order(write_snippet):
    path = write_snippet("t/prints", "import sys\nprint('a')\nsys.stdout.write('b\\n')\nprint('c')\n")
    assert run_snippet(path) == "a\nb\nc\n"


def test_raising_snippet_names_file_line_and_exception(write_snippet):
    path = write_snippet("t/raises", "x = 1\nraise KeyError('missing key')\n")
    with pytest.raises(ExecutionError, match=r"snippets/t/raises\.py:2: raised KeyError: 'missing key'"):
        run_snippet(path)


def test_a_snippet_compiles_as_python_runs_it_not_with_the_runners_future_imports(write_snippet):
    code = "def f(x: int) -> int:\n    return x\n\nprint(f.__annotations__)\n"
    assert run_snippet(write_snippet("t/annotations", code)) == (
        "{'x': <class 'int'>, 'return': <class 'int'>}\n"
    ), "runner.py's own `from __future__ import annotations` must not reach the snippet"
    postponed = "from __future__ import annotations\n\n" + code
    assert run_snippet(write_snippet("t/postponed", postponed)) == "{'x': 'int', 'return': 'int'}\n"


def test_a_raised_message_ending_in_a_full_stop_gets_no_second_one(write_snippet):
    path = write_snippet("t/stop", "raise ValueError('Nothing here.')\n")
    with pytest.raises(ExecutionError, match=r"raised ValueError: Nothing here\. Fix the code") as raised:
        run_snippet(path)
    assert ".." not in str(raised.value)


def test_missing_snippet_is_an_error(write_snippet, tmp_path):
    with pytest.raises(ExecutionError, match=r"not found"):
        run_snippet(tmp_path / "snippets" / "nope.py")


def test_undeclared_warning_fails_naming_the_snippet(write_snippet):
    path = write_snippet("t/warns", "import warnings\nwarnings.warn('old api', DeprecationWarning)\n")
    with pytest.raises(
        ExecutionError, match=r"snippets/t/warns\.py:2: DeprecationWarning: old api -- an undeclared"
    ):
        run_snippet(path)


def test_declared_warning_is_shown_as_a_terminal_shows_it(write_snippet):
    code = (
        "# shows-warning: UserWarning\n"
        "import warnings\n"
        "print('before')\n"
        "warnings.warn('heads up')\n"
        "print('after')\n"
    )
    path = write_snippet("t/declared", code)
    output = run_snippet(path)
    assert output == (
        "before\nsnippets/t/declared.py:4: UserWarning: heads up\n  warnings.warn('heads up')\nafter\n"
    )


def test_torch_warn_once_warning_shows_in_every_run(write_snippet):
    code = "# shows-warning: UserWarning\nimport torch\ntorch.arange(3).storage()\n"
    path = write_snippet("t/typed_storage", code)
    first, second = run_snippet(path), run_snippet(path)
    assert "TypedStorage is deprecated" in first
    assert second == first


def test_global_state_changed_by_a_snippet_does_not_leak(write_snippet):
    polluter = write_snippet(
        "t/polluter",
        "import torch, numpy as np\n"
        "torch.set_default_dtype(torch.float64)\n"
        "torch.set_printoptions(precision=1)\n"
        "np.set_printoptions(precision=1)\n"
        "torch.set_grad_enabled(False)\n"
        "torch.set_default_device('meta')\n"
        "torch.manual_seed(123)\n",
    )
    reader = write_snippet(
        "t/reader",
        "# shows-warning: UserWarning\n"
        "import warnings, torch, numpy as np\n"
        "warnings.warn('the line that warns')\n"
        "print(torch.get_default_dtype(), torch.is_grad_enabled(), torch.empty(1).device)\n"
        "print(torch.tensor([1/3]), np.array([1/3]))\n"
        "print(torch.rand(1), np.random.rand())\n",
    )
    clean = run_snippet(reader)
    run_snippet(polluter)
    assert run_snippet(reader) == clean
    # and the process itself is back to its baseline
    assert torch.get_default_dtype() == torch.float32
    assert torch.is_grad_enabled()
    assert np.get_printoptions()["precision"] == 8
    assert torch.empty(1).device.type == "cpu"
    assert "snippets/t/reader.py:3: UserWarning: the line that warns" in clean, "not torch/utils/_device.py"


def test_seeded_identically_before_every_example(write_snippet):
    path = write_snippet("t/random", "import torch\nprint(torch.rand(2))\n")
    assert run_snippet(path) == run_snippet(path)
    torch.manual_seed(0)
    assert run_snippet(path) == f"{torch.rand(2)}\n"


def test_output_is_escaped_text_in_a_collapsed_block():
    html = render_output("<script>alert(1)</script></details>\x1b[31m**bold**\n", "en")
    assert html.startswith(
        '<details class="example-output" data-search-exclude><summary>Show output</summary>'
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/details&gt;" in html
    assert html.count("</details>") == 1
    assert " open" not in html


def test_output_label_follows_the_page_language():
    assert "<summary>点我看输出</summary>" in render_output("x", "zh")
    assert "<summary>Show output</summary>" in render_output("x", "en")


def test_each_example_runs_once_per_code_and_versions(write_snippet):
    path = write_snippet("t/counted", "print('once')\n")
    before = execution.stats["snippet", "executed"]
    assert execution.run_file_once(path, path.parents[2]).output == "once\n"
    assert execution.run_file_once(path, path.parents[2]).output == "once\n"
    assert execution.stats["snippet", "executed"] == before + 1
    path.write_text("print('edited')\n", encoding="utf-8")
    assert execution.run_file_once(path, path.parents[2]).output == "edited\n"
    assert execution.stats["snippet", "executed"] == before + 2


def test_deterministic_mode_and_threads_do_not_leak(write_snippet):
    threads = torch.get_num_threads()
    path = write_snippet(
        "t/modes",
        "import torch\ntorch.use_deterministic_algorithms(True)\ntorch.set_num_threads(1)\n",
    )
    run_snippet(path)
    assert not torch.are_deterministic_algorithms_enabled()
    assert torch.get_num_threads() == threads


def test_a_python_loop_is_stopped_at_the_time_limit(write_snippet):
    path = write_snippet("t/spins", "x = 0\nwhile True:\n    x += 1\n")
    with pytest.raises(ExecutionError, match=r"snippets/t/spins\.py:[23]: ran past its time limit of 0\.3 s"):
        run_snippet(path, timeout_s=0.3)


def test_the_time_limit_cannot_be_swallowed_by_except_exception(write_snippet):
    code = "import time\nwhile True:\n    try:\n        time.sleep(10)\n    except Exception:\n        pass\n"
    path = write_snippet("t/swallows", code)
    with pytest.raises(ExecutionError, match=r"snippets/t/swallows\.py:4: ran past its time limit"):
        run_snippet(path, timeout_s=0.3)


def test_the_alarm_is_cleared_after_a_fast_example(write_snippet):
    import signal
    import time

    run_snippet(write_snippet("t/fast", "print(1)\n"), timeout_s=0.2)
    time.sleep(0.3)  # a leftover alarm would kill the test process here
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_control_characters_are_shown_not_interpreted():
    assert visible_text("\x1b[31mred\x1b[0m\tok\n\x00\x7f\r") == "␛[31mred␛[0m\tok\n␀␡␍"


def test_snippet_modules_imported_by_an_example_are_forgotten(write_snippet):
    import sys

    path = write_snippet("t/imports", "import snippets.tensor_ops\n")
    sys.modules.pop("snippets.tensor_ops", None)
    run_snippet(path)
    assert "snippets.tensor_ops" not in sys.modules


# --- notebook cells: as one kernel session ----------------------------------------------------------------


def test_cells_share_one_namespace_and_show_prints_and_the_last_expression():
    namespace, outputs = run_cells(["x = 2\nprint('x is', x)", "y = x * 21\ny", "z = [y] * 3;"], "nb")
    assert outputs[0] == [{"output_type": "stream", "name": "stdout", "text": "x is 2\n"}]
    assert outputs[1] == [
        {"output_type": "execute_result", "data": {"text/plain": "42"}, "metadata": {}, "execution_count": 2}
    ]
    assert outputs[2] == [], "a trailing ; hides the value, as in Jupyter"
    assert namespace["z"] == [42, 42, 42]


def test_a_cells_future_import_holds_in_later_cells_as_in_a_kernel():
    cells = ["def f(x: int): pass\nf.__annotations__", "from __future__ import annotations"]
    namespace, outputs = run_cells([*cells, "def g(x: int): pass", "g.__annotations__"], "nb")
    assert outputs[0][0]["data"]["text/plain"] == "{'x': int}", "no future import inherited from the runner"
    assert namespace["g"].__annotations__ == {"x": "int"}, "the import in cell 2 holds in cell 3"
    assert outputs[3][0]["data"]["text/plain"] == "{'x': 'int'}"


def test_the_last_expression_is_shown_as_ipython_shows_it():
    _, outputs = run_cells(["list(range(40))"], "nb")
    text = outputs[0][0]["data"]["text/plain"]
    assert text.startswith("[0,\n 1,\n"), "IPython breaks a long list one item per line"


def test_a_none_result_shows_nothing():
    assert run_cells(["print('a') or None"], "nb")[1] == [
        [{"output_type": "stream", "name": "stdout", "text": "a\n"}]
    ]


def test_warnings_are_a_stderr_stream_between_the_prints():
    cell = "# shows-warning: UserWarning\nimport warnings\nprint(1)\nwarnings.warn('careful')\nprint(2)"
    outputs = run_cells([cell], "nb")[1][0]
    assert [o["name"] for o in outputs] == ["stdout", "stderr", "stdout"]
    assert outputs[1]["text"].startswith("<cell 1>:4: UserWarning: careful\n")


def test_an_undeclared_warning_fails_naming_notebook_and_cell():
    with pytest.raises(ExecutionError, match=r"nb\.ipynb, <cell 2>:2: UserWarning: careful"):
        run_cells(["x = 1", "import warnings\nwarnings.warn('careful')"], "nb.ipynb")


def test_a_raising_cell_fails_naming_the_cell_and_line():
    with pytest.raises(ExecutionError, match=r"nb\.ipynb, cell 2, line 3: raised KeyError: 'k'"):
        run_cells(["d = {}", "x = 1\n\nd['k']"], "nb.ipynb")


def test_a_syntax_error_names_the_cell():
    with pytest.raises(ExecutionError, match=r"cell 1, line 1: raised SyntaxError"):
        run_cells(["x = = 1"], "nb.ipynb")


def test_a_cell_past_the_time_limit_is_stopped():
    with pytest.raises(ExecutionError, match=r"nb\.ipynb, cell 1, line [12]: ran past its time limit"):
        run_cells(["while True:\n    pass"], "nb.ipynb", timeout_s=0.3)


def test_state_does_not_leak_out_of_a_notebook_run():
    import torch

    before = torch.get_default_dtype()
    run_cells(["import torch\ntorch.set_default_dtype(torch.float64)"], "nb")
    assert torch.get_default_dtype() == before


def test_zh_and_en_with_the_same_code_execute_once():
    code = ["counter = 1\nprint(counter)"]
    before = execution.stats["notebook", "executed"]
    first = execution.run_once(code, "zh.ipynb", notebook=True)
    assert execution.run_once(code, "en.ipynb", notebook=True) is first
    assert execution.stats["notebook", "executed"] == before + 1


def test_another_torch_means_another_run(monkeypatch):
    code = ["value = 7\nvalue"]
    first = execution.run_once(code, "nb.ipynb", notebook=True)
    monkeypatch.setattr(runner, "_versions", lambda: (("torch", "9.9.9"), ("numpy", "0"), ("python", "3")))
    assert execution.run_once(code, "nb.ipynb", notebook=True) is not first, (
        "a cached output from another torch"
    )


def test_a_snippet_and_a_cell_with_the_same_code_are_run_alike(write_snippet):
    """One runner: the same code gives the same output as a snippet and as a notebook cell."""
    code = "import torch\nprint(torch.rand(2))\n"
    assert run_snippet(write_snippet("t/same", code)) == run_cells([code], "nb")[1][0][0]["text"]
