# shows-warning: UserWarning
import torch

x = torch.arange(12)
y = x.view(3, 4)

# The check the original notes suggest: it still answers, but warns.
same = y.storage().data_ptr() == x.storage().data_ptr()
print("y.storage().data_ptr() == x.storage().data_ptr():", same)
