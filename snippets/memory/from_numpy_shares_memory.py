import numpy as np
import torch

# Create a NumPy array
numpy_array = np.array([[1, 2], [3, 4]], dtype=np.float32)
print(f"NumPy array:\n{numpy_array}")
print(f"NumPy dtype: {numpy_array.dtype}")

# Convert it to a PyTorch tensor
pytorch_tensor = torch.from_numpy(numpy_array)
print(f"\nPyTorch tensor:\n{pytorch_tensor}")
print(f"PyTorch dtype: {pytorch_tensor.dtype}")

# Modify the NumPy array
numpy_array[0, 0] = 99
print(f"\nNumPy array after numpy_array[0, 0] = 99:\n{numpy_array}")
print(f"PyTorch tensor after that change:\n{pytorch_tensor}")

# Modify the PyTorch tensor
pytorch_tensor[1, 1] = -1
print(f"\nPyTorch tensor after pytorch_tensor[1, 1] = -1:\n{pytorch_tensor}")
print(f"NumPy array after that change:\n{numpy_array}")
