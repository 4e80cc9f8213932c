import torch

y_1d = torch.arange(10)

# A negative step reverses Python lists and NumPy arrays, but not tensors.
try:
    y_1d[::-1]
except ValueError as error:
    print("ValueError:", error)

# torch.flip reverses along the given dims; it returns a copy, not a view.
reversed_1d = torch.flip(y_1d, dims=[0])
print("torch.flip(y_1d, dims=[0]):", reversed_1d)
