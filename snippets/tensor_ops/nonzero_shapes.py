import numpy as np
import torch

array = np.array([[0, 1], [2, 0], [0, 3]])
m = torch.from_numpy(array)

print("np.nonzero(array):", np.nonzero(array))
print("torch.nonzero(m):", torch.nonzero(m), sep="\n")
print("np.argwhere(array):", np.argwhere(array), sep="\n")
print("torch.nonzero(m, as_tuple=True):", torch.nonzero(m, as_tuple=True))

rows, cols = torch.nonzero(m, as_tuple=True)
print("m[rows, cols]:", m[rows, cols])
print("m[torch.nonzero(m)].shape:", m[torch.nonzero(m)].shape)
