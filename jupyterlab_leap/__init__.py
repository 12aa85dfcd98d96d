"""jupyterlab_leap: the LEAP-Pangeo suite for JupyterLab (labextension + Jupyter server extension)."""

try:
    from ._version import __version__
except ImportError:
    # running from a source tree that was never installed (pip install -e . writes _version.py)
    import warnings

    warnings.warn("Importing 'jupyterlab_leap' outside a proper installation.", stacklevel=2)
    __version__ = "dev"

from .app import LeapGateway


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyterlab-leap"}]


def _jupyter_server_extension_points() -> list[dict[str, object]]:
    return [{"module": "jupyterlab_leap", "app": LeapGateway}]
