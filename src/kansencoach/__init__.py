"""Kansencoach: a coach for writing equal-opportunity policy proposals."""

__version__ = "0.1.0"
