import torch

# 1. With grad mode on, an in-place op on a leaf that requires grad is refused.
weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
try:
    weights.add_(1)
except RuntimeError as error:
    print("RuntimeError:", error)

# 2. sigmoid() saves its output for backward; overwriting it in place
#    is only noticed when the gradient is computed.
activations = weights.sigmoid()
activations.mul_(2)
try:
    activations.sum().backward()
except RuntimeError as error:
    print("\nRuntimeError:", error)

# The out-of-place version keeps the saved output intact.
activations = weights.sigmoid()
doubled = activations * 2
doubled.sum().backward()
print("\nweights.grad:", weights.grad)

# 3. A write that bypasses the version counter is not noticed at all.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
loss = (x * x).sum()  # saves x: the gradient is 2 * x = [2, 4, 6]
x_array = x.detach().numpy()  # shares x's memory
x_array *= 10  # a NumPy write: x._version does not change
print("\nx._version:", x._version)
loss.backward()  # no error ...
print("x.grad:", x.grad, "(should be [2., 4., 6.])")  # ... but a wrong gradient
