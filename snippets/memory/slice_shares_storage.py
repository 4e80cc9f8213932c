import torch

# Create a 2-D tensor (a small matrix)
x_2d = torch.tensor([[1, 2, 3],
                     [4, 5, 6],
                     [7, 8, 9]])  # fmt: skip
print(f"x_2d before modifying the slice:\n{x_2d}")

# Take a slice
sub_tensor = x_2d[0:2, 1:3]

# Modify the slice
sub_tensor[0, 0] = 101

print(f"\nsub_tensor after sub_tensor[0, 0] = 101:\n{sub_tensor}")
print(f"\nx_2d after modifying the slice:\n{x_2d}")  # note the change!
