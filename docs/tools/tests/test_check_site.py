"""The site checks find what they are for: a missing file, a missing anchor, an unreachable page."""

from pathlib import Path

import check_site


def site(tmp_path: Path, pages: dict[str, str]) -> dict[Path, check_site.Page]:
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{body}</body></html>")
    return {p.resolve(): check_site.parse(p) for p in tmp_path.rglob("*.html")}


def test_links_that_resolve_pass(tmp_path: Path) -> None:
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "a.png").write_bytes(b"png")
    pages = site(
        tmp_path,
        {
            "index.html": '<a href="users/a.html#start">A</a><img src="_images/a.png"><a href="https://x.org/y">ext</a>',
            "users/a.html": '<h1 id="start">A</h1><a href="../index.html">home</a><a href="#start">top</a>',
        },
    )
    result = check_site.check_links(tmp_path.resolve(), pages)
    assert result.problems == []
    assert result.summary.startswith("4 internal links checked in 2 pages (1 external")


def test_missing_file_anchor_and_escape_are_reported(tmp_path: Path) -> None:
    pages = site(
        tmp_path,
        {
            "index.html": '<a href="gone.html">x</a><a href="b.html#nowhere">y</a><img src="../outside.png">',
            "b.html": '<p id="here">b</p>',
        },
    )
    problems = check_site.check_links(tmp_path.resolve(), pages).problems
    assert problems == [
        "index.html: <a href> 'gone.html': no such file",
        "index.html: <a href> 'b.html#nowhere': no element with id 'nowhere'",
        "index.html: <img src> '../outside.png' points outside the site",
    ]


def test_every_page_must_be_reachable_from_the_index(tmp_path: Path) -> None:
    pages = site(
        tmp_path,
        {
            "index.html": '<a href="a.html">a</a>',
            "a.html": '<a href="sub/b.html">b</a>',
            "sub/b.html": "leaf",
            "orphan.html": '<a href="index.html">home</a>',
            "search.html": "sphinx's own page",
        },
    )
    result = check_site.check_reachable(tmp_path.resolve(), pages)
    assert result.problems == ["orphan.html is not reachable from index.html"]
    assert result.summary == "3 of 4 pages reachable from index.html"


def test_junit_report_has_one_case_per_check(tmp_path: Path) -> None:
    results = [check_site.Result("build", [], "ok"), check_site.Result("links", ["a.html: no such file"], "1 link")]
    report = tmp_path / "docs.xml"
    check_site.write_junit(results, report)
    text = report.read_text()
    assert 'tests="2" failures="1"' in text
    assert '<testcase classname="docs" name="build"' in text
    assert "a.html: no such file</failure>" in text


def test_a_failed_step_reports_its_output(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("docs/x.md:3: WARNING: unknown document\n")
    failed = check_site.status_result("build", 1, log, "fine")
    assert failed.problems == ["exit code 1", "docs/x.md:3: WARNING: unknown document"]
    assert check_site.status_result("build", 0, log, "fine").problems == []
    assert check_site.status_result("build", None, None, "fine").problems == ["did not run"]
