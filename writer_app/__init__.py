"""Inkwell: an offline AI writing assistant for the desktop."""

__version__ = "0.1.0"

APP_NAME = "Inkwell"
APP_ID = "inkwell"
