"""Writing tasks (continue, summarise, ask, …) over the backend protocol: no Qt, no torch.

Each task is a function ``run_x(request, ctx) -> result``; ``registry.TASKS``
maps request types to them.
"""
