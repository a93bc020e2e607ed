"""Exceptions shared by the writing tasks."""


class TaskStopped(Exception):
    """The writer pressed Stop; work done so far may have been kept (e.g. cached embeddings)."""
