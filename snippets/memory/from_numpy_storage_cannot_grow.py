import numpy as np
import torch

array = np.arange(4.0)
tensor = torch.from_numpy(array)
try:
    tensor.resize_(8)
except RuntimeError as error:
    print("tensor.resize_(8): RuntimeError:", error)

# Within the array's memory, resizing works: only the shape changes
tensor.resize_(2, 2)
print(
    "tensor.resize_(2, 2):",
    tensor.shape,
    np.shares_memory(array, tensor.numpy()),
)

# A tensor with storage of its own can grow
grown = torch.from_numpy(array).clone().resize_(8)
print("clone().resize_(8):", grown.shape)
