import torch

# Create a PyTorch tensor on the CPU
cpu_tensor = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print(f"PyTorch tensor (CPU):\n{cpu_tensor}")

# Convert the tensor to a NumPy array
numpy_array_converted = cpu_tensor.numpy()
print(f"\nNumPy array:\n{numpy_array_converted}")
print(f"NumPy dtype: {numpy_array_converted.dtype}")

# Modify the tensor
cpu_tensor[0, 1] = 25.0
print(f"\nTensor after cpu_tensor[0, 1] = 25.0:\n{cpu_tensor}")
print(f"NumPy array after that change:\n{numpy_array_converted}")

# Modify the NumPy array
numpy_array_converted[1, 0] = 35.0
print("\nNumPy array after numpy_array_converted[1, 0] = 35.0:")
print(numpy_array_converted)
print(f"Tensor after that change:\n{cpu_tensor}")
