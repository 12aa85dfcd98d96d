"""The gateway: Jupyter-authenticated routes that forward to the LEAP service with our credential."""

from .forward import ForwardLimits
from .handlers import gateway_handlers

__all__ = ["ForwardLimits", "gateway_handlers"]
