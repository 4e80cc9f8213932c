import numpy as np
import torch

index = [0, 0, 1]  # index 0 appears twice

x = torch.zeros(3)
x[index] += 1
print("x[index] += 1:              ", x)

accumulated = torch.zeros(3)
accumulated.index_put_(
    (torch.tensor(index),), torch.tensor(1.0), accumulate=True
)
print("index_put_(accumulate=True):", accumulated)

added = torch.zeros(3)
added.index_add_(0, torch.tensor(index), torch.ones(3))
print("index_add_:                 ", added)

array = np.zeros(3)
array[index] += 1
print("NumPy array[index] += 1:    ", array)
at = np.zeros(3)
np.add.at(at, index, 1)
print("NumPy np.add.at:            ", at)
