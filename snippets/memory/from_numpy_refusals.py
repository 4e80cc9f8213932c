import numpy as np
import torch

# 5 bytes per record
records = np.zeros(3, dtype=[("id", "i4"), ("flag", "i1")])
candidates = {
    "big-endian int32": np.arange(3, dtype=">i4"),
    "negative stride": np.arange(3)[::-1],
    "field of packed records": records["id"],
    "object": np.array([1, "a"], dtype=object),
    "str": np.array(["ab", "c"]),
    "datetime64": np.array(["2026-12-07"], dtype="datetime64[D]"),
    "a list, not an array": [1, 2, 3],
}
for name, candidate in candidates.items():
    try:
        torch.from_numpy(candidate)
    except (ValueError, TypeError) as error:
        print(f"{name}: {type(error).__name__}: {error}")
    else:
        print(f"{name}: shared")

# Copy into an array torch can share (the copy, not the original, is shared)
fixed = {
    "big-endian int32": candidates["big-endian int32"].astype(np.int32),
    "negative stride": candidates["negative stride"].copy(),
    "field of packed records": records["id"].copy(),
}
for name, array in fixed.items():
    tensor = torch.from_numpy(array)
    shared = np.shares_memory(array, tensor.numpy())
    print(f"{name}, copied: {tensor.tolist()}, shared: {shared}")
