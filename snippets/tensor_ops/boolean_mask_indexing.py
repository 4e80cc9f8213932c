import torch

# Create a tensor
data = torch.tensor([[1, 2], [3, 4], [5, 6]])
print(f"data:\n{data}")

# Create a boolean mask (elements greater than 3)
mask = data > 3
print(f"\nmask = data > 3:\n{mask}")

# Apply the mask
selected_elements = data[mask]
print(f"\ndata[mask]:\n{selected_elements}")
print(f"shape: {selected_elements.shape}")

# Modify elements by condition
data[data <= 3] = 0
print(f"\ndata after data[data <= 3] = 0:\n{data}")

# Rows whose first column is greater than 2
row_mask = data[:, 0] > 2
print(f"\nrow_mask = data[:, 0] > 2: {row_mask}")

selected_rows = data[row_mask, :]  # ':' keeps all columns of the selected rows
# or simply data[row_mask]
print(f"\ndata[row_mask, :]:\n{selected_rows}")
