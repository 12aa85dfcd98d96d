"""Checks a built site and writes the docs suite's JUnit report: one case per check, then the docs
tools' own unit tests (docs/tools/tests, run by scripts/docs.sh).

  reference    the generated reference pages agree with the code (docs/tools/generate.py exited 0)
  build        sphinx-build exited 0 with no warning (-W: a broken cross-reference or missing page fails)
  links        every internal href/src of every built page names an existing file, and its #fragment
               an id in that file (offline: external links are counted, not fetched)
  reachable    every page of the site can be reached from index.html by following links
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Sphinx's own index and search pages: not part of the guide's page tree.
GENERATED_PAGES = {"genindex.html", "search.html"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (attribute, value)


class _Collector(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif name in ("href", "src"):
                self.page.links.append((f"<{tag} {name}>", value))


def parse(path: Path) -> Page:
    page = Page()
    _Collector(page).feed(path.read_text(encoding="utf-8"))
    return page


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


@dataclass
class Result:
    name: str
    problems: list[str]
    summary: str
    seconds: float = 0.0


def check_links(root: Path, pages: dict[Path, Page]) -> Result:
    problems, internal, external = [], 0, 0
    for path, page in sorted(pages.items()):
        for where, url in page.links:
            if is_external(url):
                external += 1
                continue
            internal += 1
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            shown = f"{path.relative_to(root)}: {where} {url!r}"
            if root not in target.parents and target != root:
                problems.append(f"{shown} points outside the site")
            elif target.is_dir():
                if not (target / "index.html").is_file():
                    problems.append(f"{shown}: folder without index.html")
            elif not target.is_file():
                problems.append(f"{shown}: no such file")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{shown}: no element with id {parts.fragment!r}")
    return Result(
        "links",
        problems,
        f"{internal} internal links checked in {len(pages)} pages "
        f"({external} external links not fetched: offline build)",
    )


def check_reachable(root: Path, pages: dict[Path, Page]) -> Result:
    start = root / "index.html"
    if start not in pages:
        return Result("reachable", ["index.html is missing"], "no index")
    seen, todo = {start}, [start]
    while todo:
        page = todo.pop()
        for _, url in pages[page].links:
            parts = urlsplit(url)
            if is_external(url) or not parts.path.endswith(".html"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target in pages and target not in seen:
                seen.add(target)
                todo.append(target)
    wanted = {p for p in pages if p.name not in GENERATED_PAGES}
    missing = sorted(str(p.relative_to(root)) for p in wanted - seen)
    return Result(
        "reachable",
        [f"{m} is not reachable from index.html" for m in missing],
        f"{len(wanted & seen)} of {len(wanted)} pages reachable from index.html",
    )


def status_result(name: str, rc: int | None, log: Path | None, ok: str) -> Result:
    text = log.read_text(encoding="utf-8", errors="replace").strip() if log and log.is_file() else ""
    if rc is None:
        return Result(name, ["did not run"], "did not run")
    if rc != 0:
        return Result(name, [f"exit code {rc}", *(text.splitlines() or ["(no output)"])], f"failed (exit {rc})")
    return Result(name, [], ok)


def write_junit(results: list[Result], path: Path, others: list[ET.Element] | None = None) -> None:
    """One testcase per check, followed by the testcases of `others` (the tools' own unit tests)."""
    others = others or []
    failed = sum(1 for r in results if r.problems)
    failed += sum(1 for c in others if c.find("failure") is not None or c.find("error") is not None)
    suite = ET.Element(
        "testsuite",
        name="docs",
        tests=str(len(results) + len(others)),
        failures=str(failed),
        errors="0",
        time=f"{sum(r.seconds for r in results):.3f}",
    )
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="docs", name=result.name, time=f"{result.seconds:.3f}")
        if result.problems:
            failure = ET.SubElement(case, "failure", message=f"{len(result.problems)} problem(s)")
            failure.text = "\n".join(result.problems)
        ET.SubElement(case, "system-out").text = result.summary
    suite.extend(others)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built HTML folder")
    parser.add_argument("--build-rc", type=int, help="exit code of sphinx-build")
    parser.add_argument("--build-log", type=Path, help="sphinx-build's warnings")
    parser.add_argument("--generate-rc", type=int, help="exit code of docs/tools/generate.py")
    parser.add_argument("--generate-log", type=Path, help="docs/tools/generate.py's stderr")
    parser.add_argument("--junit", type=Path, help="write a JUnit XML report here")
    parser.add_argument("--tests-junit", type=Path, help="the tools' unit tests (pytest --junitxml), added to --junit")
    parser.add_argument("--tests-rc", type=int, help="exit code of those unit tests")
    args = parser.parse_args()

    results = [
        status_result("reference", args.generate_rc, args.generate_log, "reference pages generated from the code"),
        status_result("build", args.build_rc, args.build_log, "sphinx-build -W -n: no warning"),
    ]
    root = args.site.resolve()
    pages = {
        p.resolve(): parse(p)
        for p in sorted(root.rglob("*.html"))
        if "_static" not in p.relative_to(root).parts and "_sources" not in p.relative_to(root).parts
    }
    for check in (check_links, check_reachable):
        begin = time.monotonic()
        result = check(root, pages) if pages else Result(check.__name__[6:], ["no HTML pages were built"], "")
        result.seconds = time.monotonic() - begin
        results.append(result)
    for result in results:
        print(f"docs {result.name}: {'FAILED' if result.problems else 'ok'}: {result.summary}")
        for problem in result.problems[:50]:
            print(f"  {problem}")
    tests = unit_tests(args.tests_junit, args.tests_rc)
    if args.junit:
        write_junit(results, args.junit, tests)
    failed = sum(1 for r in results if r.problems)
    print(f"docs checks: {len(results) - failed} ok, {failed} failed")
    return 1 if failed or args.tests_rc not in (None, 0) else 0


def unit_tests(report: Path | None, rc: int | None) -> list[ET.Element]:
    """The testcases of the tools' pytest report; a run that crashed without one is one failed case."""
    if report is not None and report.is_file():
        return list(ET.parse(report).getroot().iter("testcase"))
    if rc is None:
        return []
    case = ET.Element("testcase", classname="docs", name="tools unit tests")
    ET.SubElement(case, "failure", message=f"pytest exited {rc} without a report")
    return [case]


if __name__ == "__main__":
    sys.exit(main())
