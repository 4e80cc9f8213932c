import torch

x = torch.arange(10, 20)
print(f"x: {x}")

indices = torch.tensor([0, 4, 2, 2])  # note the repeated index 2
selected = x[indices]
print(f"\nx[{indices}]: {selected}")

# A 2-D tensor
y = torch.arange(12).reshape(3, 4)
print(f"\ny:\n{y}")

# Select rows
row_indices = torch.tensor([0, 2])
selected_rows = y[row_indices]  # rows 0 and 2
print(f"\ny[{row_indices}]:\n{selected_rows}")

# Select columns
col_indices = torch.tensor([1, 3])
selected_cols = y[:, col_indices]  # columns 1 and 3 of every row
print(f"\ny[:, {col_indices}]:\n{selected_cols}")

# Select single elements with pairs of indices
row_idx = torch.tensor([0, 1, 2])
col_idx = torch.tensor([1, 3, 0])
selected_elements = y[row_idx, col_idx]  # (0, 1), (1, 3), (2, 0)
print(f"\ny[row_idx, col_idx]:\n{selected_elements}")
