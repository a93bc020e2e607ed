"""Model-free core logic: documents, files, settings, recovery. No Qt widgets, no torch."""
