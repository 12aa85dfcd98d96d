"""Sum the JUnit XML reports of every suite into one closing line: `N passed, N failed`.

A suite that exited non-zero without a failing test case in its report (a crash, a missing report,
pytest's exit 5 for "no tests collected") counts as one failure, so nothing can pass by not running.
Exit status: 0 only when nothing failed.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count_cases(report: Path) -> tuple[int, int, int]:
    """Return (passed, failed, skipped) test cases in one JUnit XML file."""
    passed = failed = skipped = 0
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(reports: Path) -> int:
    totals = [0, 0, 0]
    print("\nsuite       passed  failed  skipped  seconds  exit")
    for line in (reports / "status.tsv").read_text().splitlines():
        name, rc, seconds = line.split("\t")
        report = reports / "junit" / f"{name}.xml"
        passed, failed, skipped = count_cases(report) if report.exists() else (0, 0, 0)
        note = ""
        if rc != "0" and failed == 0:
            failed = 1
            note = "  <- exited non-zero without a failing test (crash, missing report or no tests)"
        print(f"{name:<10} {passed:>7} {failed:>7} {skipped:>8} {seconds:>8} {rc:>5}{note}")
        totals = [t + n for t, n in zip(totals, (passed, failed, skipped))]
    passed, failed, skipped = totals
    if skipped:
        print(f"warning: {skipped} test(s) skipped: a skipped test is a defect")
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
