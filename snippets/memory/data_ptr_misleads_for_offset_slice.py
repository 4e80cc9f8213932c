import numpy as np
import torch

x = torch.arange(6)
tail = x[2:]  # a slice that starts 2 elements into x's memory

# data_ptr() is the address of a tensor's *first element*, not of its storage.
print("tail.data_ptr() == x.data_ptr():", tail.data_ptr() == x.data_ptr())
print("tail.storage_offset():", tail.storage_offset())

# Compare the storages instead, or ask NumPy whether the memory overlaps.
print(
    "same untyped storage:",
    tail.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
)
print("np.shares_memory:", np.shares_memory(tail.numpy(), x.numpy()))

tail[0] = 100
print("x after tail[0] = 100:", x)
