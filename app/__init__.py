"""Lantai (兰台): digitization and cataloguing workstation for archives."""

__version__ = "0.1.0"
