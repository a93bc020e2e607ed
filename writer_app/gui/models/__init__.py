"""Choosing and running models: the hub that owns the inference service, the Models menu, terms of use."""
