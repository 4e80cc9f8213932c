import numpy as np
import torch

array = np.arange(6.0)
tensor = torch.from_dlpack(array)  # NumPy -> PyTorch, no copy
back = np.from_dlpack(tensor)  # PyTorch -> NumPy, no copy

tensor[0] = 100.0
back[1] = 200.0
print("array: ", array)
print("tensor:", tensor)
print("np.shares_memory(array, back):", np.shares_memory(array, back))

# A strided view is shared too, with its strides
every_other = torch.from_dlpack(array[::2])
print("every_other.stride():", every_other.stride())
every_other[1] = -1.0
print("array after every_other[1] = -1:", array)
