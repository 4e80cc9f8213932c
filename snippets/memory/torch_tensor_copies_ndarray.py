import numpy as np
import torch

source = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(source)  # shares source's memory
copied = torch.tensor(source)  # copies: never shares

source[0] = -1.0
print("source:", source)
print("from_numpy sees the change:", shared)
print("torch.tensor does not:     ", copied)
