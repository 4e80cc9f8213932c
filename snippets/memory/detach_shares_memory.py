import torch

weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# detach() leaves autograd, not the memory: the result uses the same storage.
detached = weights.detach()
print("detached.requires_grad:", detached.requires_grad)
print(
    "same storage:",
    detached.untyped_storage().data_ptr()
    == weights.untyped_storage().data_ptr(),
)

detached[0] = 10.0
print("weights after detached[0] = 10.0:", weights)
# The version counter is shared too: this write is an in-place op on weights.
print("weights._version:", weights._version)

# For an independent copy, clone as well.
copy = weights.detach().clone()
copy[1] = -1.0
print("weights after copy[1] = -1.0:   ", weights)
