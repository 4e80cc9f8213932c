import torch

x = torch.arange(12)
y = x.view(3, 4)  # a view: new shape, same memory
z = x.clone()  # a copy: memory of its own

print(
    "y shares x's storage:",
    y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
)
print(
    "z shares x's storage:",
    z.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
)
