# shows-warning: UserWarning
import numpy as np
import torch

frozen = np.arange(3.0)
frozen.flags.writeable = False
# Shared, with a warning
tensor = torch.from_numpy(frozen)
tensor[0] = 100.0
print("frozen after tensor[0] = 100:", frozen)
try:
    frozen[1] = 200.0
except ValueError as error:
    print("frozen[1] = 200: ValueError:", error)

safe = torch.from_numpy(frozen.copy())
safe[0] = -1.0
print("frozen after safe[0] = -1:", frozen)
