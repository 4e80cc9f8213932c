import torch

y = torch.arange(12).reshape(3, 4)

# Integer-array indexing copies, even if the indices pick a contiguous block ...
picked = y[torch.tensor([0, 1])]
picked[0, 0] = 100
print(f"picked after picked[0, 0] = 100:\n{picked}")
print(f"y is unchanged:\n{y}")

# ... while the equivalent slice is a view.
sliced = y[0:2]
sliced[0, 0] = 100
print(f"\ny after sliced[0, 0] = 100:\n{y}")
