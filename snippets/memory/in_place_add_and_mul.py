import torch

x = torch.tensor([1, 2, 3])
y = torch.tensor([4, 5, 6])

returned = x.add_(y)  # in-place addition
print(x)
# An in-place op returns the tensor itself ...
print("x.add_(y) is x:", returned is x)

x.add_(y).mul_(2)  # ... so calls can be chained
print(x)

# The out-of-place version returns a new tensor and leaves x alone.
total = x + y
print("x + y:", total, "| x unchanged:", x)
