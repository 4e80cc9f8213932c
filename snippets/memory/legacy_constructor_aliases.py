# shows-warning: UserWarning
import torch

t = torch.arange(4.0)
alias = torch.Tensor(t)
copy = torch.tensor(t)
alias[0] = 100.0
copy[1] = 200.0
print("t after alias[0] = 100 and copy[1] = 200:", t)
print("alias is t:", alias is t, "| alias._base is t:", alias._base is t)
print(
    "alias shares t's storage:",
    alias.untyped_storage().data_ptr() == t.untyped_storage().data_ptr(),
)
print(
    "copy shares t's storage:",
    copy.untyped_storage().data_ptr() == t.untyped_storage().data_ptr(),
)

integers = torch.arange(3)
print("torch.Tensor(integers).dtype:", torch.Tensor(integers).dtype)

# The copy the warning recommends
clone = t.detach().clone()
print(
    "clone shares t's storage:",
    clone.untyped_storage().data_ptr() == t.untyped_storage().data_ptr(),
)
