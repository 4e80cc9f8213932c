import torch

x_2d = torch.tensor([[1, 2, 3],
                     [4, 5, 6],
                     [7, 8, 9]])  # fmt: skip

sub_tensor_copy = x_2d[0:2, 1:3].clone()  # a copy with memory of its own
sub_tensor_copy[0, 0] = 101

print(f"sub_tensor_copy:\n{sub_tensor_copy}")
print(f"\nx_2d is unchanged:\n{x_2d}")
