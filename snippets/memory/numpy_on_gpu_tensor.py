import torch

gpu_tensor = torch.tensor([1.0, 2.0, 3.0], device="cuda")

try:
    gpu_tensor.numpy()
except TypeError as error:
    print("TypeError:", error)

# Copy to host memory first: the result does NOT share memory with gpu_tensor.
host_array = gpu_tensor.cpu().numpy()
print("gpu_tensor.cpu().numpy():", host_array)
