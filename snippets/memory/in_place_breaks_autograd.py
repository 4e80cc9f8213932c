import torch

# 1. An in-place op on a leaf tensor that requires grad is refused at once.
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
