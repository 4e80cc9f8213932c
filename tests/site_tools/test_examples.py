"""The example runner (site_tools/examples.py), on small snippet files written by each test."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from site_tools import examples
from site_tools.examples import ExampleError, render_output, run_snippet


@pytest.fixture
def write_snippet(tmp_path, monkeypatch):
    monkeypatch.setattr(examples.project, "root", tmp_path)

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
    with pytest.raises(
        ExampleError, match=r"snippets/t/raises\.py:2: the example raised KeyError: 'missing key'"
    ):
        run_snippet(path)


def test_missing_snippet_is_an_error(write_snippet, tmp_path):
    with pytest.raises(ExampleError, match=r"not found"):
        run_snippet(tmp_path / "snippets" / "nope.py")


def test_undeclared_warning_fails_naming_the_snippet(write_snippet):
    path = write_snippet("t/warns", "import warnings\nwarnings.warn('old api', DeprecationWarning)\n")
    with pytest.raises(
        ExampleError, match=r"snippets/t/warns\.py:2: DeprecationWarning: old api -- an undeclared"
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
        "torch.manual_seed(123)\n",
    )
    reader = write_snippet(
        "t/reader",
        "import torch, numpy as np\n"
        "print(torch.get_default_dtype(), torch.is_grad_enabled())\n"
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
    before = examples.execution_count
    assert examples.cached_execution(path).output == "once\n"
    assert examples.cached_execution(path).output == "once\n"
    assert examples.execution_count == before + 1
    path.write_text("print('edited')\n", encoding="utf-8")
    assert examples.cached_execution(path).output == "edited\n"
    assert examples.execution_count == before + 2


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
    with pytest.raises(
        ExampleError, match=r"snippets/t/spins\.py:[23]: the example ran past its time limit of 0\.3 s"
    ):
        run_snippet(path, timeout_s=0.3)


def test_the_time_limit_cannot_be_swallowed_by_except_exception(write_snippet):
    code = "import time\nwhile True:\n    try:\n        time.sleep(10)\n    except Exception:\n        pass\n"
    path = write_snippet("t/swallows", code)
    with pytest.raises(ExampleError, match=r"snippets/t/swallows\.py:4: the example ran past its time limit"):
        run_snippet(path, timeout_s=0.3)


def test_the_alarm_is_cleared_after_a_fast_example(write_snippet):
    import signal
    import time

    run_snippet(write_snippet("t/fast", "print(1)\n"), timeout_s=0.2)
    time.sleep(0.3)  # a leftover alarm would kill the test process here
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_control_characters_are_shown_not_interpreted():
    assert examples.visible_text("\x1b[31mred\x1b[0m\tok\n\x00\x7f\r") == "␛[31mred␛[0m\tok\n␀␡␍"


def test_snippet_modules_imported_by_an_example_are_forgotten(write_snippet):
    import sys

    path = write_snippet("t/imports", "import snippets.tensor_ops\n")
    sys.modules.pop("snippets.tensor_ops", None)
    run_snippet(path)
    assert "snippets.tensor_ops" not in sys.modules
