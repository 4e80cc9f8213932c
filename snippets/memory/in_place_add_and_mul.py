import torch

x = torch.tensor([1, 2, 3])
y = torch.tensor([4, 5, 6])
x_before = x

x.add_(y)  # in-place addition
print(x)
x.add_(y).mul_(2)  # in-place ops return the tensor itself, so they chain
print(x)

# Still the same tensor object: nothing new was allocated for the results.
print("x is x_before:", x is x_before)

# The out-of-place version returns a new tensor and leaves x alone.
total = x + y
print("x + y:", total, "| x unchanged:", x)
