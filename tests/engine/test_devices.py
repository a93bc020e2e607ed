import pytest

from writer_app.engine.devices import CPU_CONTEXT_TOKENS, DeviceUnavailable, MachineFacts, plan_device

pytestmark = pytest.mark.core

GPU = MachineFacts(cuda_available=True, cuda_bf16=True, cuda_free_bytes=8 * 2**30, cpu_count=8, ram_bytes=32 * 2**30)


def test_cuda_is_preferred_with_bf16_and_a_memory_cap_that_spills_to_cpu():
    plan = plan_device("auto", GPU)
    assert (plan.device, plan.dtype, plan.device_map) == ("cuda", "bfloat16", "auto")
    assert plan.max_memory[0] < GPU.cuda_free_bytes
    assert plan.max_memory["cpu"] > 0
    assert plan.context_tokens_cap is None


def test_older_gpus_get_fp16():
    facts = MachineFacts(cuda_available=True, cuda_bf16=False, cuda_free_bytes=2**30, cpu_count=4)
    assert plan_device("auto", facts).dtype == "float16"


def test_apple_gpu_uses_mps_fp16():
    plan = plan_device("auto", MachineFacts(mps_available=True, cpu_count=8))
    assert (plan.device, plan.dtype) == ("mps", "float16")


@pytest.mark.parametrize(("cores", "threads", "decode"), [(1, 1, 1), (2, 2, 2), (8, 7, 4), (16, 15, 4)])
def test_cpu_threads_leave_larger_machines_a_core_and_cap_decoding(cores, threads, decode):
    plan = plan_device("auto", MachineFacts(cpu_count=cores))
    assert (plan.device, plan.dtype, plan.threads, plan.decode_threads) == ("cpu", "float32", threads, decode)
    assert plan.context_tokens_cap == CPU_CONTEXT_TOKENS
    assert plan.kv_cache == "dynamic"


def test_gpus_use_sdpa_and_cuda_a_static_cache():
    cuda = plan_device("auto", GPU)
    assert (cuda.attn_implementation, cuda.kv_cache) == ("sdpa", "static")
    mps = plan_device("auto", MachineFacts(mps_available=True, cpu_count=8))
    assert (mps.attn_implementation, mps.kv_cache) == ("sdpa", "dynamic")


def test_cpu_override_wins_over_a_gpu():
    assert plan_device("cpu", GPU).device == "cpu"


def test_asking_for_a_missing_gpu_is_explained():
    with pytest.raises(DeviceUnavailable, match="CUDA"):
        plan_device("cuda", MachineFacts(cpu_count=2))
    with pytest.raises(ValueError):
        plan_device("tpu", GPU)
