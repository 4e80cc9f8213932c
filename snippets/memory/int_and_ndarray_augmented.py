import numpy as np
import torch

n = 1
n_alias = n
n += 1  # an int cannot change: n now names a new int
print("int:     n", n, "| n_alias", n_alias, "| n is n_alias:", n is n_alias)

arr = np.array([1, 2, 3])
arr_alias = arr
arr += 1  # in place, as for a tensor
print(
    "ndarray: after arr += 1:    arr_alias",
    arr_alias,
    "| arr is arr_alias:",
    arr is arr_alias,
)
arr = arr + 1  # a new array
print("ndarray: after arr = arr + 1: arr_alias", arr_alias, "| arr", arr)
print("  shares memory:", np.shares_memory(arr, arr_alias))

# += is in place only for types that define __iadd__.
print(
    "__iadd__ defined: torch.Tensor",
    hasattr(torch.Tensor, "__iadd__"),
    end=" | ",
)
print(
    "np.ndarray",
    hasattr(np.ndarray, "__iadd__"),
    "| int",
    hasattr(int, "__iadd__"),
)
