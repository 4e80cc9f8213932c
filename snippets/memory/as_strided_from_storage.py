import torch

storage = torch.arange(12)

# Size, stride and offset count elements, from the start of the storage.
xt = torch.as_strided(storage, size=(4, 3), stride=(1, 4), storage_offset=0)
print(f"as_strided(storage, (4, 3), (1, 4)):\n{xt}")
print(
    "equal to storage.view(3, 4).t():", torch.equal(xt, storage.view(3, 4).t())
)

# Rows 2 elements apart but 4 long: neighbouring rows overlap.
windows = torch.as_strided(storage, size=(5, 4), stride=(2, 1))
print(f"\nwindows = as_strided(storage, (5, 4), (2, 1)):\n{windows}")

# What it refuses: a negative stride, and cells past the end of the storage.
try:
    torch.as_strided(storage, size=(3,), stride=(-1,), storage_offset=11)
except RuntimeError as error:
    print("\nRuntimeError:", error)
try:
    torch.as_strided(storage, size=(4,), stride=(4,))
except RuntimeError as error:
    print("RuntimeError:", error)
