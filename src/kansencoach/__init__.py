"""Kansencoach: a coach for writing equal-opportunity policy proposals."""

from kansencoach.core.common.pydantic_plugins import skip_plugin_discovery

__version__ = "0.1.0"

skip_plugin_discovery()
