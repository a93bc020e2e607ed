"""The inference engine: one worker thread that owns every model."""
