"""Sphinx configuration of the jupyterlab-leap guide (pages in MyST Markdown; see README.md here)."""

import json
from pathlib import Path

_root = Path(__file__).resolve().parent.parent

project = "jupyterlab-leap"
author = "jupyterlab-leap contributors"
version = release = json.loads((_root / "package.json").read_text())["version"]
copyright = "jupyterlab-leap contributors"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# README.md says how to build the site; tools/ and reference/ hold the generators and their data;
# _generated/ holds fragments that pages include.
exclude_patterns = ["_build", "_generated", "tools", "reference", "README.md"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Offline: nothing is fetched at build time (no intersphinx, no remote images, no analytics).
html_theme = "sphinx_book_theme"
html_title = "jupyterlab-leap guide"
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "use_download_button": False,
    "use_fullscreen_button": False,
}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None

# Every warning fails the build (scripts/docs.sh passes -W --keep-going -n).
nitpicky = True
