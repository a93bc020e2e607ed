"""Choosing where a model runs: CUDA, Apple MPS or the CPU, and in which precision.

``plan_device`` is a pure function of what the machine offers, so the choice
is tested without a GPU; ``detect_device`` asks torch for those facts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")
# Share of free GPU memory a model may take; the rest spills to CPU RAM.
GPU_MEMORY_SHARE = 0.85
# On a CPU, long prompts are slow to read: keep the window to this many tokens.
CPU_CONTEXT_TOKENS = 2048
DECODE_THREADS_MAX = 4


@dataclass(frozen=True)
class MachineFacts:
    cuda_available: bool = False
    cuda_bf16: bool = False
    cuda_free_bytes: int = 0
    mps_available: bool = False
    cpu_count: int = 1
    ram_bytes: int = 0


@dataclass(frozen=True)
class DevicePlan:
    device: str  # "cuda", "mps" or "cpu"
    dtype: str  # a torch dtype name
    threads: int | None  # intra-op threads on CPU while reading a prompt (compute-bound)
    device_map: str | None  # accelerate's "auto" on CUDA, so big models spill to CPU
    max_memory: dict | None
    context_tokens_cap: int | None
    # Intra-op threads while decoding token by token (bound by memory bandwidth,
    # so more threads mostly add synchronisation); None: same as ``threads``.
    decode_threads: int | None = None
    attn_implementation: str | None = "sdpa"
    # "static": preallocated KV cache (what torch.compile and CUDA graphs need);
    # "dynamic": grows with the text, cheapest on the CPU.
    kv_cache: str = "dynamic"

    @property
    def label(self) -> str:
        return {"cuda": "GPU (CUDA)", "mps": "GPU (Apple)", "cpu": "CPU"}[self.device]


class DeviceUnavailable(Exception):
    pass


def plan_device(preference: str, facts: MachineFacts) -> DevicePlan:
    if preference not in DEVICE_CHOICES:
        raise ValueError(f"unknown device {preference!r}")
    if preference == "cuda" and not facts.cuda_available:
        raise DeviceUnavailable("No CUDA GPU is available; Inkwell will use the CPU instead.")
    if preference == "mps" and not facts.mps_available:
        raise DeviceUnavailable("Apple's GPU (MPS) is not available; Inkwell will use the CPU instead.")
    if preference in ("auto", "cuda") and facts.cuda_available:
        gpu_bytes = int(facts.cuda_free_bytes * GPU_MEMORY_SHARE)
        max_memory = {0: gpu_bytes}
        if facts.ram_bytes:
            max_memory["cpu"] = int(facts.ram_bytes * 0.5)
        return DevicePlan(
            device="cuda",
            dtype="bfloat16" if facts.cuda_bf16 else "float16",
            threads=None,
            device_map="auto",
            max_memory=max_memory,
            context_tokens_cap=None,
            kv_cache="static",
        )
    if preference in ("auto", "mps") and facts.mps_available:
        return DevicePlan(
            device="mps", dtype="float16", threads=None, device_map=None, max_memory=None, context_tokens_cap=None
        )
    return DevicePlan(
        device="cpu",
        dtype="float32",  # activations; the weights are quantised (quantization.py)
        threads=cpu_threads(facts.cpu_count),
        device_map=None,
        max_memory=None,
        context_tokens_cap=CPU_CONTEXT_TOKENS,
        decode_threads=decode_threads(facts.cpu_count),
    )


def cpu_threads(cpu_count: int) -> int:
    """Threads for reading prompts: every core on a 2-core laptop (the GUI
    waits meanwhile and needs little), one left free on larger machines."""
    return cpu_count if cpu_count <= 2 else cpu_count - 1


def decode_threads(cpu_count: int) -> int:
    """Decoding streams weights from memory, which two or three cores already
    saturate; more threads only add synchronisation per operation."""
    return max(1, min(cpu_threads(cpu_count), DECODE_THREADS_MAX))


def machine_facts() -> MachineFacts:
    import torch

    cuda = torch.cuda.is_available()
    free = 0
    if cuda:
        free, _total = torch.cuda.mem_get_info(0)
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        ram = 0
    return MachineFacts(
        cuda_available=cuda,
        cuda_bf16=bool(cuda and torch.cuda.is_bf16_supported()),
        cuda_free_bytes=free,
        mps_available=mps,
        cpu_count=os.cpu_count() or 1,
        ram_bytes=ram,
    )


def detect_device(preference: str = "auto") -> tuple[DevicePlan, str]:
    """The plan for *preference*, and a note when the preference could not be met."""
    facts = machine_facts()
    try:
        return plan_device(preference, facts), ""
    except DeviceUnavailable as exc:
        return plan_device("cpu", facts), str(exc)
