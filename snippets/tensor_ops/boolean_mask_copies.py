import torch

data = torch.tensor([[1, 2], [3, 4], [5, 6]])

# Reading with a mask gives a copy: writing to it leaves data alone ...
selected = data[data > 3]
selected[0] = 0
print(f"selected after selected[0] = 0: {selected}")
print(f"data is unchanged:\n{data}")

# ... while assigning through a mask writes into data itself.
data[data > 3] = 0
print(f"\ndata after data[data > 3] = 0:\n{data}")
