import numpy as np
import torch

# The right gradient of sum(x * x) at x = [1, 2, 3] is 2 * x:
clean = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(clean * clean).sum().backward()
print("right gradient:              ", clean.grad)

# 1. A write through .data
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
loss = (x * x).sum()  # saves x
x.data.mul_(10)
loss.backward()  # no error
print(
    "after a write through .data: ",
    x.grad,
    "| x._version",
    x._version,
    "| loss",
    loss.item(),
)

# 2. A write through x.detach().numpy()
y = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
loss = (y * y).sum()
y_array = y.detach().numpy()  # shares y's memory
y_array *= 10
loss.backward()
print("after a NumPy write:         ", y.grad, "| y._version", y._version)

# 3. A write to the array behind a from_numpy leaf
source = np.array([1.0, 2.0, 3.0], dtype=np.float32)
z = torch.from_numpy(source).requires_grad_()  # a leaf in source's memory
loss = (z * z).sum()
source *= 10
loss.backward()
print("after a write to the source: ", z.grad, "| z._version", z._version)

# The same change by a PyTorch in-place op is counted, and backward refuses.
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
loss = (w * w).sum()
with torch.no_grad():
    w.mul_(10)
try:
    loss.backward()
except RuntimeError as error:
    print("\nRuntimeError:", error)
