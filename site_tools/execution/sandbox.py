"""The operating-system sandbox every example runs in: it can lie only about itself.

isolated.py runs each example in a child forked from a warm forkserver (torch and NumPy imported once).
That child is the build's own user, so before any of the example's code runs it is moved, here, into
Linux namespaces of its own (`enter`):

- a **user namespace** (the build's uid and gid mapped to themselves, `setgroups` denied), which lets an
  unprivileged process make the others; the example then gives up every capability (effective,
  permitted, inheritable, ambient and the bounding set) and sets no_new_privs, so it can change none of
  the mounts below (a mount namespace it makes inside this one gets them locked, as the kernel does for
  any less privileged copy) and no setuid program gives anything back;
- a **mount namespace** in which every mount is read-only (mount_setattr, recursively: the checkout, the
  Python environment, its site-packages, the rest of the file system), `/tmp`, `/run` and the build's
  temporary folder are fresh size-limited tmpfs (the forkserver's socket, other examples' folders and
  the user's sockets are not there), `/dev` is a tmpfs with null, zero, full, random and urandom only,
  `/dev/shm` a fresh tmpfs, and the one writable place from outside is the example's own report folder;
  its working folder, HOME and TMPDIR are in the private `/tmp`, gone with it;
- a **PID namespace**, whose first process (the one that runs the example) is its init: it sees a
  `/proc` of its own (read-only) with no process of the build in it, so it can neither signal nor ptrace
  the build, the forkserver or another example, and when it ends the kernel kills every process left in
  the namespace (no double fork outlives it);
- a **network namespace** (only a loopback device, down: no connection to anything, the host's
  127.0.0.1 included; abstract Unix sockets are per namespace too), an **IPC** and a **UTS** namespace;
- only descriptors 0, 1 and 2 stay open, all three on /dev/null (the build's terminal is out of
  reach; the forkserver's listener and the resource tracker's pipe are closed; the example's output
  is what the runner captures, as before), and the environment is an allow-list (`ENVIRONMENT`), scrubbed
  in the forkserver before anything is imported (`scrub_environment`, whose inherited copy of the
  build's environment in memory is zeroed too), with HOME and TMPDIR set to the example's folder.

Why this and not bubblewrap or `unshare(1)`: both start a new program, and a new Python would import
torch again for every example (seconds, against a budget of 80 ms more per example than the ~40 ms a
forked child costs). The same system calls, made by the forked child itself (unshare, mount,
mount_setattr, capset), cost a few milliseconds (benchmarks/sandbox_overhead.py) and keep the warm
forkserver. The forkserver itself stays outside: it only forks, it is reachable through a socket in the
build's temporary folder, which no example can see, and no example can name its process.

Where user namespaces are not available (macOS; a kernel or an AppArmor policy that forbids them to
unprivileged users, as Ubuntu 24.04's `kernel.apparmor_restrict_unprivileged_userns` does) `probe`
says why, and isolated.py refuses to run examples unless `NOTES_TRUSTED=1` says that the checkout's
code is trusted. Nothing here depends on running as root, and nothing here needs a setuid helper.

The example's process can still read what its user can read (the checkout, the environment, a home
folder), and print it into its own output; it can still lie about its own output. Everything else it
could change before (other examples' outputs, the project, the environment, a later build, the build
process) is out of its reach. Not bounded here: the number of processes it starts (a fork bomb, until
its time limit), the size of what it writes into its report folder (on the build's temporary folder),
and the kernel's keyrings, which need a seccomp filter. The claim tests run in it too: each claim-test
module, with the snippets it runs, in a sandboxed process of its own (site_tools/claim_sandbox.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

TRUSTED = "NOTES_TRUSTED"
"""`NOTES_TRUSTED=1`: run examples without a sandbox where none can be made (only for trusted code)."""
ENVIRONMENT = {
    "PATH",
    "LANG",
    "LANGUAGE",
    "TZ",
    "LD_LIBRARY_PATH",  # where torch's or NumPy's libraries may be found
    "PYTHONHASHSEED",
    "PYTHONUTF8",
    "PYTHONIOENCODING",
    "PYTHONDONTWRITEBYTECODE",
    "SOURCE_DATE_EPOCH",
}
"""Variables an example sees, with any whose name starts with one of `ENVIRONMENT_PREFIXES`."""
ENVIRONMENT_PREFIXES = ("LC_", "OMP_", "MKL_", "KMP_", "OPENBLAS_")
"""Locale and the numerical libraries' threads and kernels (they can change printed digits)."""
TMPFS_SIZE = "512m"
"""Size of each private tmpfs an example gets (/tmp, with its working folder, and /dev/shm)."""
HIDDEN = ("/tmp", "/run", "/var/tmp")
"""Folders replaced by an empty tmpfs (sockets of the build, of the user and of the system live there)."""
DEVICES = ("null", "zero", "full", "random", "urandom")

_CLONE_NEWNS = 0x00020000
_CLONE_NEWUTS = 0x04000000
_CLONE_NEWIPC = 0x08000000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_CLONE_NEWNET = 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 32, 4096, 16384, 1 << 18
_MOUNT_ATTR_RDONLY, _MOUNT_ATTR_NOSUID, _MOUNT_ATTR_NODEV = 1, 2, 4
_AT_FDCWD, _AT_RECURSIVE = -100, 0x8000
_SYS_MOUNT_SETATTR = 442  # the same number on every architecture (new system calls share one table)
_PR_SET_PDEATHSIG, _PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS, _PR_CAP_AMBIENT = 1, 24, 38, 47
_PR_CAP_AMBIENT_CLEAR_ALL = 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


class Unavailable(OSError):
    """The sandbox cannot be made here; the message says which step failed and why."""


class _MountAttr(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("effective", "permitted", "inheritable")]


_libc_cache: list[ctypes.CDLL] = []  # process state: the C library, loaded once


def _libc() -> ctypes.CDLL:
    if not _libc_cache:
        _libc_cache.append(ctypes.CDLL(None, use_errno=True))
    return _libc_cache[0]


def _call(what: str, result: int) -> int:
    if result < 0:
        code = ctypes.get_errno()
        raise Unavailable(code, f"{what}: {os.strerror(code)}")
    return result


def _mount(source: str | None, target: str, kind: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda s: None if s is None else s.encode()  # noqa: E731
    _call(
        f"mount {target}",
        _libc().mount(encode(source), encode(target), encode(kind), ctypes.c_ulong(flags), encode(data)),
    )


def _set_mount_attributes(path: str, set_: int, clear: int = 0, recursive: bool = False) -> None:
    attr = _MountAttr(set_, clear, 0, 0)
    _call(
        f"mount_setattr {path}",
        _libc().syscall(
            ctypes.c_long(_SYS_MOUNT_SETATTR),
            ctypes.c_int(_AT_FDCWD),
            ctypes.c_char_p(path.encode()),
            ctypes.c_uint(_AT_RECURSIVE if recursive else 0),
            ctypes.byref(attr),
            ctypes.c_size_t(ctypes.sizeof(attr)),
        ),
    )


def _prctl(what: str, option: int, argument: int = 0, extra: int = 0) -> None:
    _call(what, _libc().prctl(option, ctypes.c_ulong(argument), ctypes.c_ulong(extra), 0, 0))


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w") as file:
            file.write(text)
    except OSError as error:
        raise Unavailable(error.errno or errno.EIO, f"write {path}: {error.strerror}") from None


def _tmpfs(target: str, mode: str = "1777", size: str = TMPFS_SIZE) -> None:
    _mount("tmpfs", target, "tmpfs", _MS_NOSUID | _MS_NODEV, f"size={size},mode={mode}")


def _bind(fd: int, target: str, set_: int, clear: int) -> None:
    _mount(f"/proc/self/fd/{fd}", target, None, _MS_BIND | _MS_REC)
    _set_mount_attributes(target, set_, clear, recursive=True)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def scrub_environment() -> None:
    """Keep only `ENVIRONMENT` in os.environ, and zero the copy of the environment the process started with.

    Called first in the forkserver (preload.py), so every example's process inherits the scrubbed one:
    the build's variables (tokens, credentials) are neither in os.environ nor in /proc/self/environ.
    """
    kept = {k: v for k, v in os.environ.items() if k in ENVIRONMENT or k.startswith(ENVIRONMENT_PREFIXES)}
    os.environ.clear()  # unsetenv: nothing points into the original block any longer
    os.environ.update(kept)  # fresh copies
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
            start, end = int(fields[47]), int(fields[48])  # env_start, env_end (fields 50 and 51)
            if 0 < start < end:
                ctypes.memset(start, 0, end - start)


def undumpable() -> None:
    """No process of this user may ptrace this one or read its memory or environment (Linux only)."""
    if sys.platform.startswith("linux"):
        _PR_SET_DUMPABLE = 4
        _libc().prctl(_PR_SET_DUMPABLE, ctypes.c_ulong(0), 0, 0, 0)


def trusted() -> bool:
    return os.environ.get(TRUSTED, "") == "1"


def enter(
    folder: str,
    report: str,
    hidden: Iterable[str] = (),
    keep: Iterable[int] = (),
    readable: Iterable[str] = (),
) -> None:
    """Move this process (a single-threaded child, before any untrusted code) into the sandbox.

    `folder` is the example's folder (created empty in the private /tmp, or in a hidden folder:
    its working folder, HOME and TMPDIR), `report` a folder already on disk that stays writable
    (the example's result); `hidden` are more folders to replace by an empty tmpfs (the build's
    temporary folder, the forkserver's); `keep`: descriptors that stay open; `readable`: folders
    that stay visible (read-only) even inside a hidden one, like Python's own (a project under /tmp
    whose claim tests run here, site_tools/claim_sandbox.py). Returns in a new process, the first
    (PID 1) of a new PID namespace, without capabilities; this process waits for it and exits with
    its status (it never returns). Raises Unavailable naming the step that failed.
    """
    uid, gid = os.getuid(), os.getgid()
    namespaces = _CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWPID | _CLONE_NEWNET | _CLONE_NEWIPC | _CLONE_NEWUTS
    _call("unshare (user namespaces)", _libc().unshare(namespaces))
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing mounted here reaches the build's view
    # opened in the new mount namespace (a descriptor opened before names the build's mounts)
    report_fd = os.open(report, os.O_PATH | os.O_DIRECTORY)
    device_fds = {name: os.open(f"/dev/{name}", os.O_PATH) for name in DEVICES}
    hide = sorted({os.path.realpath(p) for p in (*HIDDEN, *hidden, os.path.dirname(folder))}, key=len)
    # Python's own folders stay visible (read-only) even where a hidden folder holds them (a checkout
    # or an environment under /tmp)
    python = {
        os.path.realpath(p) for p in (*sys.path, sys.prefix, sys.base_prefix, sys.exec_prefix, *readable) if p
    }
    python_fds = {
        path: os.open(path, os.O_PATH | os.O_DIRECTORY)
        for path in sorted(python, key=len)
        if os.path.isdir(path)
        and any(_under(path, h) and path != h for h in hide)
        and not any(_under(h, path) for h in hide)  # never a hidden folder itself, nor one above it
    }
    _set_mount_attributes("/", _MOUNT_ATTR_RDONLY | _MOUNT_ATTR_NOSUID | _MOUNT_ATTR_NODEV, recursive=True)
    covered: list[str] = []
    for path in hide:
        if os.path.isdir(path) and not any(_under(path, c) for c in covered):
            _tmpfs(path)
            covered.append(path)
    for path, fd in python_fds.items():
        os.makedirs(path, exist_ok=True)
        _bind(fd, path, _MOUNT_ATTR_RDONLY, 0)
    os.makedirs(os.path.join(folder, "work"), exist_ok=True)
    inside_report = os.path.join(folder, os.path.basename(report))
    os.makedirs(inside_report, exist_ok=True)
    _bind(report_fd, inside_report, 0, _MOUNT_ATTR_RDONLY)
    _tmpfs("/dev", mode="755", size="1m")
    for name, fd in device_fds.items():
        Path(f"/dev/{name}").touch()
        _bind(fd, f"/dev/{name}", _MOUNT_ATTR_RDONLY, _MOUNT_ATTR_NODEV)  # openable: the rest is nodev
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "0"), ("stdout", "1"), ("stderr", "2")):
        os.symlink(target if name == "fd" else f"/proc/self/fd/{target}", f"/dev/{name}")
    os.mkdir("/dev/shm")
    _tmpfs("/dev/shm")
    _set_mount_attributes("/dev", _MOUNT_ATTR_RDONLY)  # its own tmpfs only: not /dev/shm
    for fd in (report_fd, *device_fds.values(), *python_fds.values()):
        os.close(fd)
    _close_inherited(set(keep))
    os.environ.update(HOME=os.path.join(folder, "work"), TMPDIR=os.path.join(folder, "work"))
    import tempfile

    tempfile.tempdir = None  # found again from TMPDIR

    pid = os.fork()  # the first process of the new PID namespace
    if pid:
        while True:
            try:
                _, status = os.waitpid(pid, 0)
                break
            except InterruptedError:
                continue
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    os.setsid()  # a process group of its own: kill(0, …) reaches nothing outside the namespace
    _prctl("prctl PDEATHSIG", _PR_SET_PDEATHSIG, signal.SIGKILL)
    _mount("proc", "/proc", "proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC | _MS_RDONLY)
    _drop_privileges()


def _close_inherited(keep: set[int]) -> None:
    """Only 0, 1, 2 and `keep` stay open, and 0, 1 and 2 are /dev/null: nothing reaches the build's
    terminal (escape sequences, forged log lines) or reads what is typed into it."""
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    for fd in _open_descriptors():
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
    from multiprocessing import forkserver, process, resource_tracker

    # multiprocessing's records of what was just closed: a nested pool starts its own
    forkserver._forkserver._forkserver_alive_fd = None
    resource_tracker._resource_tracker._fd = None
    resource_tracker._resource_tracker._pid = None
    process.current_process()._config.pop("tempdir", None)


def _open_descriptors() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, os.sysconf("SC_OPEN_MAX")))


def _drop_privileges() -> None:
    _prctl("prctl NO_NEW_PRIVS", _PR_SET_NO_NEW_PRIVS, 1)
    _prctl("prctl CAP_AMBIENT", _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL)
    for capability in range(64):
        if _libc().prctl(_PR_CAPBSET_DROP, ctypes.c_ulong(capability), 0, 0, 0) < 0:
            if ctypes.get_errno() == errno.EINVAL:  # past the last capability this kernel knows
                break
            _call(f"drop capability {capability}", -1)
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _call("capset", _libc().capset(ctypes.byref(header), ctypes.byref(data)))


def probe(folder: str) -> None:
    """In a child forked for it: enter a sandbox once and exit 0, or exit 1 with why in folder/why."""
    report = os.path.join(folder, "report")
    os.makedirs(report, exist_ok=True)
    why = open(os.path.join(folder, "why"), "w")  # open across the sandbox's making
    try:
        if not sys.platform.startswith("linux"):
            raise Unavailable(errno.ENOSYS, f"Linux namespaces are not available on {sys.platform}")
        enter(folder, report, keep=[why.fileno()])
        with open("/proc/self/status") as status:  # in the sandbox: no capability left
            if "CapEff:\t0000000000000000" not in status.read():
                raise Unavailable(errno.EPERM, "capabilities were not dropped")
        Path(report, "ok").write_text("ok")
        os._exit(0)
    except BaseException as error:  # anything: the sandbox is not there
        with contextlib.suppress(OSError):
            why.write(str(error) or type(error).__name__)
            why.flush()
        os._exit(1)
