import numpy as np
import torch

host = torch.ones(3)
pinned = host.pin_memory()
print(
    "pinned.is_pinned():",
    pinned.is_pinned(),
    "host.is_pinned():",
    host.is_pinned(),
)
print(
    "same storage:",
    pinned.untyped_storage().data_ptr() == host.untyped_storage().data_ptr(),
)
print("pinned.pin_memory() is pinned:", pinned.pin_memory() is pinned)

on_gpu = pinned.to("cuda", non_blocking=True)
torch.cuda.synchronize()
print("on_gpu:", on_gpu)
try:
    print("np.from_dlpack(on_gpu):", np.from_dlpack(on_gpu))
except (BufferError, RuntimeError, TypeError, ValueError) as error:
    print(f"np.from_dlpack(on_gpu): {type(error).__name__}: {error}")
