import torch

cpu_tensor = torch.tensor([1.0, 2.0, 3.0])

# On a tensor that is already on the CPU, .cpu() returns the very same tensor,
# so .cpu().numpy() shares memory with it (on a GPU tensor it is a copy).
print("cpu_tensor.cpu() is cpu_tensor:", cpu_tensor.cpu() is cpu_tensor)

# numpy(force=True) detaches and moves to the CPU for you, whatever the tensor.
weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
forced = weights.numpy(force=True)
print("weights.numpy(force=True):", forced)
