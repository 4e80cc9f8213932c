"""Run pytest so that a run which ends early can never look green (`nox -s check` and `quick` use it).

A test that ends the test process (`os._exit(0)`) would end pytest with exit status 0 and nothing
reported. So pytest runs in a child process that must write its JUnit report; a run that ends without
it, or whose report counts no test, fails, saying so. (The claim tests, which run untrusted snippets,
run in sandboxed processes of their own, site_tools/claim_sandbox.py: there such an exit fails only
its own module.)

    python -m site_tools.test_run [pytest arguments]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def main(arguments: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="pytest-report-") as folder:
        report = Path(folder) / "report.xml"
        status = subprocess.run(
            [sys.executable, "-m", "pytest", *arguments, f"--junitxml={report}"]
        ).returncode
        if status in (0, 1) and not report.is_file():
            print(
                f"error: pytest ended (exit status {status}) without writing its report: a test, or a "
                "snippet it ran, ended the test process early (os._exit, a crash). The run is not a pass.",
                file=sys.stderr,
            )
            return 3
        if status == 0:
            suites = ET.parse(report).getroot().iter("testsuite")
            if sum(int(suite.get("tests", 0)) for suite in suites) == 0:
                print("error: pytest reported success but ran no test.", file=sys.stderr)
                return 3
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
