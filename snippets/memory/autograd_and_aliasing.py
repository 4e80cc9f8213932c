import torch

# Check 1 (grad mode on): in-place ops on a leaf that requires grad: refused.
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
try:
    w.mul_(2)
except RuntimeError as error:
    print("RuntimeError:", error)
print("w unchanged:", w.detach(), "| w._version:", w._version)

# Check 2: a tensor saved for backward records its version when it is saved.
h = w * 1  # not a leaf: in-place ops on it run
h.add_(1)  # version 1, before anything saves h
loss = (h * h).sum()  # saves h at version 1
h.mul_(1)  # the same values, but version 2
print("\nh._version:", h._version)
try:
    loss.backward()
except RuntimeError as error:
    print("RuntimeError:", error)

# A write through a view of a saved tensor is counted as well.
e = w.exp()  # exp() saves its output
piece = e[1:]  # a view of e
piece.zero_()
try:
    e.sum().backward()
except RuntimeError as error:
    print("\nRuntimeError:", error)
