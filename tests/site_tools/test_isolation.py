"""Each example in a process of its own (site_tools/execution/isolated.py), in a sandbox of its own
(site_tools/execution/sandbox.py): what a hostile or careless snippet tries, and what it gets. Each test
runs real child processes forked from the warm forkserver.

Tests marked "without the sandbox" check what still protects a trusted checkout where no sandbox can
be made (NOTES_TRUSTED=1): the watched files, the sweep of the example's processes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from site_tools.execution import isolated
from site_tools.execution.runner import ExecutionError

pytestmark = pytest.mark.process  # child processes: not in the quick check

NAME = "snippets/t/hostile.py"


def run(code: str, **options):
    return isolated.run([code], NAME, **options)


@pytest.fixture
def without_sandbox(monkeypatch):
    """Examples run as a trusted checkout runs them where no sandbox can be made (NOTES_TRUSTED=1)."""
    isolated.context()
    monkeypatch.setitem(isolated._sandbox, "use", False)


def test_an_example_runs_in_its_own_process_and_sends_back_its_output():
    assert run("import torch\nprint(torch.arange(3))\n").output == "tensor([0, 1, 2])\n"


def test_exiting_without_reporting_fails_and_says_so():
    with pytest.raises(ExecutionError, match=r"hostile\.py: the example ended its process without reporting"):
        run("import os\nprint('almost')\nos._exit(0)\n")


def test_a_patched_class_does_not_outlive_its_example():
    assert (
        run("import torch\ntorch.Tensor.__repr__ = lambda self: 'lie'\nprint(torch.ones(1))\n").output
        == "lie\n"
    )
    assert run("import torch\nprint(torch.ones(1))\n").output == "tensor([1.])\n"


def test_a_thread_that_keeps_printing_reaches_no_other_example():
    daemon = (
        "import threading, time, sys\n"
        "def spam():\n"
        "    while True:\n"
        "        sys.__stdout__.write('SPAM\\n'); print('SPAM'); time.sleep(0.01)\n"
        "threading.Thread(target=spam, daemon=True).start()\n"
        "time.sleep(0.05)\n"
    )
    run(daemon)
    assert run("print('mine')\n").output == "mine\n"


def test_a_thread_that_never_ends_does_not_keep_anything_alive():
    start = time.monotonic()
    result = run(
        "import threading, time\nthreading.Thread(target=lambda: time.sleep(3600)).start()\nprint(1)\n"
    )
    assert result.output == "1\n"
    assert time.monotonic() - start < 10


@pytest.mark.parametrize(
    "code",
    [
        "import time\nwhile True:\n    try:\n        time.sleep(10)\n"
        "    except BaseException:\n        pass\n",
        "import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ntime.sleep(3600)\n",
    ],
    ids=["swallows-the-timeout", "ignores-the-alarm"],
)
def test_the_time_limit_is_enforced_from_outside_naming_the_line(code):
    start = time.monotonic()
    with pytest.raises(
        ExecutionError, match=r"hostile\.py:\d+: ran past its time limit of 0\.5 s and was stopped"
    ):
        run(code, timeout_s=0.5)
    assert time.monotonic() - start < 0.5 + isolated.GRACE_S + 5


def test_a_long_c_level_operation_is_stopped_at_its_limit_and_the_line_named():
    code = "import torch\nx = torch.rand(3000, 3000)\nfor _ in range(1000):\n    x = x @ x\n"
    with pytest.raises(ExecutionError, match=r"hostile\.py:4: ran past its time limit"):
        run(code, timeout_s=0.5)


def test_no_time_limit_is_refused():
    with pytest.raises(ExecutionError, match=r"a time limit must be a positive number of seconds"):
        run("print(1)\n", timeout_s=0)


def test_printing_past_the_output_limit_fails_even_if_the_error_is_caught():
    with pytest.raises(ExecutionError, match=r"printed more than its output limit of 200,000 characters"):
        run("print('x' * 20_000_000)\n")
    with pytest.raises(ExecutionError, match=r"output limit"):
        run("for i in range(100_000):\n    try:\n        print(i)\n    except BaseException:\n        pass\n")


def test_forty_thousand_short_lines_are_captured_quickly():
    start = time.monotonic()
    assert run("for i in range(40_000):\n    print(i % 10)\n").output.count("\n") == 40_000
    assert time.monotonic() - start < 10  # once a minute (a copy of the whole text on each write)


def test_running_out_of_memory_is_an_error_of_its_own():
    with pytest.raises(ExecutionError, match=r"memory limit|MemoryError|raised RuntimeError"):
        run("import torch\nx = torch.empty(8 * 2**30, dtype=torch.uint8)\nx.fill_(1)\n")


def test_an_example_starts_in_a_scratch_folder_of_its_own():
    first = run(
        "import os, pathlib\nprint(os.getcwd())\npathlib.Path('left.txt').write_text('x')\n"
    ).output.strip()
    second = run("import os\nprint(os.getcwd(), os.listdir('.'))\n").output
    assert first not in second
    assert "left.txt" not in second


def test_touching_a_watched_file_fails_naming_it(tmp_path, without_sandbox):
    project = tmp_path / "project"
    (project / "snippets").mkdir(parents=True)
    other = project / "snippets" / "other.py"
    other.write_text("print('original')\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(
        ExecutionError, match=r"hostile\.py: changed, created or deleted .*snippets/other\.py"
    ):
        run(
            f"import pathlib\npathlib.Path({str(other)!r}).write_text('tampered')\n",
            watch=[project / "snippets", site],
        )
    with pytest.raises(ExecutionError, match=r"site/injected\.html"):
        run(
            f"import pathlib\npathlib.Path({str(site / 'injected.html')!r}).write_text('<script>')\n",
            watch=[project / "snippets", site],
        )
    # counter-case: writing in its own folder is fine
    assert (
        run(
            "import pathlib\npathlib.Path('mine.txt').write_text('x')\nprint('ok')\n",
            watch=[project / "snippets", site],
        ).output
        == "ok\n"
    )


def test_a_process_an_example_starts_is_killed_with_it(tmp_path, without_sandbox):
    target = tmp_path / "page.md"
    target.write_text("before\n", encoding="utf-8")
    later = f"import pathlib, time\ntime.sleep(1)\npathlib.Path({str(target)!r}).write_text('after')\n"
    code = (
        "# shows-warning: ResourceWarning\n"  # Python warns that the process is still running
        f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {later!r}])\nprint('started')\n"
    )
    assert run(code).output.endswith("started\n")
    time.sleep(2)
    assert target.read_text(encoding="utf-8") == "before\n"


def test_an_example_may_start_a_multiprocessing_child_and_one_left_running_is_killed(tmp_path):
    # the example's process is started as a daemon; multiprocessing refuses children to a daemon,
    # so _child marks it as none (memory/sharing_across_processes needs a child of its own)
    joined = (
        "import multiprocessing, pathlib\n"
        "write = lambda: pathlib.Path('done').write_text('from the child')\n"
        "child = multiprocessing.get_context('fork').Process(target=write)\n"
        "child.start()\nchild.join()\nprint(child.exitcode, pathlib.Path('done').read_text())\n"
    )
    assert run(joined).output == "0 from the child\n"
    # counter-case: a child it does not wait for is killed with it, before it can write
    target = tmp_path / "page.md"
    target.write_text("before\n", encoding="utf-8")
    later = f"lambda: (time.sleep(1), pathlib.Path({str(target)!r}).write_text('after'))"
    left = (
        "import multiprocessing, pathlib, time\n"
        f"multiprocessing.get_context('fork').Process(target={later}).start()\nprint('started')\n"
    )
    assert run(left).output == "started\n"
    time.sleep(2)
    assert target.read_text(encoding="utf-8") == "before\n"


def test_the_figures_are_drawn_in_the_child_from_the_real_tensors():
    from site_tools import figures

    wanted = figures.request({"diagram": "x,y"}, "t")
    result = run("import torch\nx = torch.arange(6).view(2, 3)\ny = x.t()\n", figures=[(wanted, "t/d")])
    assert result.figures[wanted, "en", "html"].startswith('<figure class="memory-diagram"')
    assert "<svg" in result.figures[wanted, "zh", "html"]
    assert result.figures[wanted, "en", "markdown"].startswith("![")


# --- found by a review of this runner: each was a way past it ------------------------------------------

FIND_REPORT = (
    "import sys\n"
    "frame = sys._getframe()\n"
    "while 'result_path' not in frame.f_locals:\n"
    "    frame = frame.f_back\n"
    "path = frame.f_locals['result_path']\n"
)
# the forged report is written whole, as the real child writes its own: written in place, the parent
# could read it half-written (empty) and fail it as not JSON, whatever the test meant to show
WRITE_REPORT = (
    "with open(path + '.partial', 'w') as f:\n    f.write({})\nos.replace(path + '.partial', path)\n"
)


def test_a_forged_report_can_only_fake_its_own_escaped_output():
    from site_tools import figures

    wanted = figures.request({"diagram": "x"}, "t")
    forged = (
        "import json, os\n"
        "cells = [[[['stdout', '<script>alert(1)</script>']], None]]\n"
        "model = {'storages': [{'size': 1, 'tensors': ['x']}], 'tensors': [{'name': 'x', 'storage': 0,"
        " 'shape': [1], 'stride': [1], 'offset': 0, 'contiguous': True, 'cells': [0],"
        " 'values': ['<script>alert(2)</script>']}]}\n"
        "report = {'status': 'ok', 'cells': cells, 'figures': [{'diagram': model}]}\n"
        + WRITE_REPORT.format("json.dumps(report)")
        + "os._exit(0)\n"
    )
    result = run(FIND_REPORT + forged, figures=[(wanted, "t/x")])
    assert result.output == "<script>alert(1)</script>"  # its own output: the page escapes it
    assert "<script>" not in result.figures[wanted, "en", "html"]  # drawn here, from checked data
    assert "&lt;script&gt;" in result.figures[wanted, "en", "html"]


@pytest.mark.parametrize(
    ("report", "message"),
    [
        ("'not json'", "not valid JSON"),
        ("json.dumps({'status': 'ok', 'cells': 'x', 'figures': []})", "malformed"),
        ("json.dumps({'status': 'ok', 'cells': [[[['evil', 'x']], None]], 'figures': []})", "malformed"),
        ("json.dumps({'status': 'ok', 'cells': [], 'figures': [{'diagram': 1}]})", "malformed"),
    ],
    ids=["not-json", "cells-not-a-list", "unknown-stream", "figure-not-asked-for"],
)
def test_a_malformed_report_is_an_error_never_a_pass(report, message):
    code = FIND_REPORT + "import json, os\n" + WRITE_REPORT.format(report) + "os._exit(0)\n"
    with pytest.raises(ExecutionError, match=message):
        run(code)


def test_a_process_that_leaves_the_group_is_killed_too(tmp_path, without_sandbox):
    target = tmp_path / "page.md"
    target.write_text("before\n", encoding="utf-8")
    later = f"import pathlib, time\ntime.sleep(1.5)\npathlib.Path({str(target)!r}).write_text('after')\n"
    code = (
        "# shows-warning: ResourceWarning\n"
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', {later!r}], start_new_session=True)\n"
        "print('started')\n"
    )
    assert run(code).output.endswith("started\n")
    time.sleep(2.5)
    assert target.read_text(encoding="utf-8") == "before\n"


def test_stopping_the_forkserver_does_not_hang_the_next_example(without_sandbox):
    import os
    import signal

    run("import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)\nprint('stopped it')\n")
    start = time.monotonic()
    assert run("print('still runs')\n").output == "still runs\n"
    assert time.monotonic() - start < 10
    del os, signal


def test_a_rewrite_that_restores_the_modification_time_is_seen(tmp_path, without_sandbox):
    watched = tmp_path / "snippets"
    watched.mkdir()
    victim = watched / "victim.py"
    victim.write_text("print(1)\n", encoding="utf-8")
    code = (
        "import os, pathlib\n"
        f"p = pathlib.Path({str(victim)!r})\n"
        "t = p.stat()\n"
        "p.write_text('print(2)\\n')\n"
        "os.utime(p, ns=(t.st_atime_ns, t.st_mtime_ns))\n"
    )
    with pytest.raises(ExecutionError, match=r"victim\.py"):
        run(code, watch=[watched])


def test_the_line_named_is_the_main_threads_not_a_sleeping_threads():
    code = (
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        "x = 0\n"
        "while True:\n"
        "    x += 1\n"
    )
    with pytest.raises(ExecutionError, match=r"hostile\.py:[45]: ran past its time limit"):
        run(code, timeout_s=0.5)


def test_the_program_that_started_the_build_is_imported_once_not_once_per_example(tmp_path):
    """Like the `mkdocs` command: a program run by its path. CPython before 3.13.8 never preloads it in
    the forkserver (gh-126631), and each child would run its imports again (~90 ms for `mkdocs`)."""
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    log = tmp_path / "imported.txt"
    program = tmp_path / "program.py"
    program.write_text(
        "import os, sys\n"
        f"with open({str(log)!r}, 'a') as log:\n"
        "    log.write(__name__ + '\\n')\n"
        "if __name__ == '__main__':\n"
        f"    sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "    from site_tools.execution import isolated\n"
        "    code = f'import os\\nprint(os.environ.get({isolated.MAIN_PATH!r}))'\n"
        "    for _ in range(3):\n"
        "        print(isolated.run([code], 'p.py').output)\n"
        "    print(os.environ.get(isolated.MAIN_PATH))\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # each example ran, and neither it nor the program sees the variable that passed the path
    assert result.stdout.split() == ["None"] * 4
    # run by Python, then imported once by the forkserver; not by each of the three examples' processes
    assert log.read_text().splitlines() == ["__main__", "__mp_main__"]


# --- the sandbox (site_tools/execution/sandbox.py): found by a hostile probe of the build -----------------
# Each case passes in the sandbox and fails without it (checked once by switching `enter` off).


def _outcome(attempt: str) -> str:
    """Code that runs `attempt` and prints what happened: 'done', or the error's errno name or type."""
    return (
        "import errno\n"
        "try:\n" + "".join(f"    {line}\n" for line in attempt.splitlines()) + "    print('done')\n"
        "except OSError as error:\n"
        "    print(errno.errorcode.get(error.errno, type(error).__name__))\n"
    )


def _in_a_child(body: str) -> str:
    """Code that runs `body` in a forked, single-threaded process (unshare needs one: the example's own
    process has the time limit's watchdog thread) and prints what it printed."""
    return (
        "import os, sys\n"
        "r, w = os.pipe()\n"
        "if os.fork() == 0:\n"
        "    sys.stdout = os.fdopen(w, 'w')\n"
        + "".join(f"    {line}\n" for line in body.splitlines())
        + "    sys.stdout.flush()\n"
        "    os._exit(0)\n"
        "os.close(w)\n"
        "os.wait()\n"
        "with os.fdopen(r) as child:\n"
        "    print(child.read(), end='')\n"
    )


def _planted(*paths: Path):
    for path in paths:
        if path.exists():
            path.unlink()
            pytest.fail(f"the example wrote {path}")


def test_a_snippet_cannot_write_into_the_project_or_the_environment():
    import sysconfig

    from tests.conftest import REPO_ROOT

    targets = [
        REPO_ROOT / "snippets" / "sandbox-probe.py",
        Path(sysconfig.get_paths()["purelib"]) / "zz-probe.pth",
    ]
    try:
        output = run(
            "".join(
                _outcome(f"import pathlib\npathlib.Path({str(target)!r}).write_text('import os')")
                for target in targets
            )
        ).output
    finally:
        _planted(*targets)
    assert output.split() in (
        ["EROFS", "EROFS"],
        ["ENOENT", "ENOENT"],
        ["EROFS", "ENOENT"],
        ["ENOENT", "EROFS"],
    )


def test_a_snippet_cannot_make_the_file_system_writable_again():
    """In a user and mount namespace of its own the mounts it was given stay read-only (locked)."""
    from tests.conftest import REPO_ROOT

    target = REPO_ROOT / "snippets" / "sandbox-probe.py"
    code = _in_a_child(
        "import ctypes\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "print(libc.unshare(0x10000000 | 0x00020000))\n"  # CLONE_NEWUSER | CLONE_NEWNS: all capabilities
        # MS_REMOUNT | MS_BIND, without MS_RDONLY: read-write
        f"print(libc.mount(None, {str(REPO_ROOT).encode()!r}, None, 32 | 4096, None))\n"
        + _outcome(f"import pathlib\npathlib.Path({str(target)!r}).write_text('print(1)')")
    )
    try:
        output = run(code).output
    finally:
        _planted(target)
    assert output.split() in (["0", "-1", "EROFS"], ["0", "-1", "ENOENT"])


def test_a_snippet_cannot_read_the_builds_environment(tmp_path):
    """A secret in the environment of the program that builds: not in os.environ, not in any /proc/*/environ
    the example can read."""
    import secrets

    secret = secrets.token_hex(16)
    code = (
        "import os, pathlib\n"
        f"secret = {secret!r}\n"
        "print(os.environ.get('NOTES_PLANTED_SECRET'))\n"
        "found = []\n"
        "for name in os.listdir('/proc'):\n"
        "    try:\n"
        "        if secret.encode() in pathlib.Path(f'/proc/{name}/environ').read_bytes():\n"
        "            found.append(name)\n"
        "    except OSError:\n"
        "        pass\n"
        "print(found)\n"
    )
    result = _build(tmp_path, code, NOTES_PLANTED_SECRET=secret)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == "None\n[]\n"


def _build(folder: Path, code: str, **environment: str):
    """A program that runs `code` as an example, as a build does, and prints its output: what it printed
    and what it wrote to its stdout and stderr."""
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    program = folder / "build.py"
    program.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "from site_tools.execution import isolated\n"
        "if __name__ == '__main__':\n"
        f"    print(isolated.run([{code!r}], 'p.py').output, end='')\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, str(program)],
        env={**os.environ, **environment},
        input="typed at the terminal\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_snippet_cannot_write_to_the_builds_terminal_or_read_from_it(tmp_path):
    code = (
        "import os\n"
        "os.write(1, b'\\x1b]0;forged title\\x07FORGED-OUT')\n"
        "os.write(2, b'INFO    -  FORGED-ERR')\n"
        "print(repr(os.read(0, 100)))\n"
    )
    result = _build(tmp_path, code)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == "b''\n"
    assert "FORGED" not in result.stderr


def test_a_snippet_cannot_reach_the_forkserver():
    from multiprocessing import forkserver

    isolated.context()
    address = forkserver._forkserver._forkserver_address
    code = _outcome(f"import socket\nwith socket.socket(socket.AF_UNIX) as s:\n    s.connect({address!r})")
    assert run(code).output == "ENOENT\n"
    # nor by unmounting the private /tmp in a user and mount namespace of its own: its mounts are locked
    unmount = (
        "import ctypes\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "print(libc.unshare(0x10000000 | 0x00020000))\n"  # CLONE_NEWUSER | CLONE_NEWNS
        "MNT_DETACH = 2\n"
        f"print(libc.umount2({os.path.dirname(address).encode()!r}, MNT_DETACH),"
        " libc.umount2(b'/tmp', MNT_DETACH))\n"
    )
    assert run(_in_a_child(unmount + code)).output == "0\n-1 -1\nENOENT\n"


def _running(marker: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


def test_no_process_a_snippet_starts_outlives_it():
    """Not one in a session of its own whose starter then ends without reporting (the old sweep's gap),
    nor a fork-walker: the kernel ends every process of the example's PID namespace."""
    import secrets
    import signal

    marker = f"sandbox-sleeper-{secrets.token_hex(8)}"
    code = (
        "# shows-warning: ResourceWarning\n"
        "import os, subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', {marker!r}],"
        " start_new_session=True)\n"
        "if os.fork() == 0:\n"  # and a fork-walker: each process forks and ends, the last one sleeps
        "    for _ in range(200):\n"
        "        if os.fork():\n"
        "            os._exit(0)\n"
        f"    os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(60)', {marker!r}])\n"
        "import time\n"
        "time.sleep(0.5)\n"
        "os._exit(0)\n"
    )
    try:
        with pytest.raises(ExecutionError, match="without reporting"):
            run(code)
        deadline = time.monotonic() + 3
        while _running(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _running(marker) == []
    finally:
        for pid in _running(marker):
            os.kill(pid, signal.SIGKILL)


def test_a_snippet_cannot_see_signal_or_trace_the_build():
    from multiprocessing import forkserver

    isolated.context()
    build, server = os.getpid(), forkserver._forkserver._forkserver_pid
    code = (
        "import ctypes, os, signal\n"
        "processes = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n"
        "print(processes == [os.getpid()])\n"  # its own, and nothing else
        + _outcome(f"os.kill({build}, 0)")
        + _outcome(f"os.kill({server}, signal.SIGSTOP)")
        + "libc = ctypes.CDLL(None, use_errno=True)\n"
        # PTRACE_SEIZE: attaches without stopping the process (which matters only where it works)
        f"print(libc.ptrace(0x4206, {build}, None, None), errno.errorcode[ctypes.get_errno()])\n"
    )
    assert run(code).output == "True\nESRCH\nESRCH\n-1 ESRCH\n"


def test_a_snippet_has_no_network():
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        code = _outcome(
            f"import socket\nprint([name for _, name in socket.if_nameindex()])\n"
            f"socket.create_connection(('127.0.0.1', {port}), timeout=5).close()"
        )
        assert run(code).output == "['lo']\nENETUNREACH\n"


def test_files_left_in_tmp_and_dev_shm_are_gone_and_not_seen_by_the_next_example():
    import secrets

    left = [Path("/tmp") / f"left-{secrets.token_hex(8)}", Path("/dev/shm") / f"left-{secrets.token_hex(8)}"]
    try:
        assert run(
            "import pathlib\n"
            + "".join(f"pathlib.Path({str(p)!r}).write_text('x' * 1000)\n" for p in left)
            + "print('left')\n"
        ).output
        assert [p.exists() for p in left] == [False, False]
        assert run(f"import os\nprint([os.path.exists(p) for p in {[str(p) for p in left]!r}])\n").output == (
            "[False, False]\n"
        )
    finally:
        _planted(*left)


def test_home_and_the_temporary_folder_are_its_working_folder():
    code = (
        "import os, pathlib, tempfile\n"
        "print(os.environ['HOME'] == os.getcwd() == tempfile.gettempdir())\n"
        "pathlib.Path('~/.cache/x').expanduser().parent.mkdir(parents=True)\n"
        "print(sorted(os.listdir('.')))\n"
    )
    assert run(code).output == "True\n['.cache']\n"


def test_a_snippet_has_no_capabilities_and_cannot_gain_any():
    code = (
        "import pathlib\n"
        "lines = pathlib.Path('/proc/self/status').read_text().splitlines()\n"
        "status = dict(line.split(':\\t', 1) for line in lines if ':\\t' in line)\n"
        "print(status['CapEff'], status['CapBnd'], status['NoNewPrivs'])\n"
    )
    assert run(code).output == "0000000000000000 0000000000000000 1\n"


@pytest.mark.parametrize(
    "make",
    ["os.symlink('/etc/passwd', {path!r})", "os.mkfifo({path!r})"],
    ids=["report-is-a-link", "report-is-a-fifo"],
)
@pytest.mark.parametrize("which", ["result.json", "traceback.txt"])
def test_a_report_or_traceback_that_is_not_a_file_is_not_read(make, which):
    """A link would let the build read a file of its choosing; a FIFO would hang the build reading it."""
    code = (
        FIND_REPORT
        + "import os\n"
        + f"path = os.path.join(os.path.dirname(path), {which!r})\n"
        + "if os.path.lexists(path):\n    os.unlink(path)\n"
        + make.format(path="PATH").replace("'PATH'", "path")
        + "\nos._exit(0)\n"
    )
    start = time.monotonic()
    with pytest.raises(ExecutionError, match="without reporting"):
        run(code, timeout_s=5)
    assert time.monotonic() - start < 5
