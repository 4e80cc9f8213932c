import torch

# 12 elements in a row: this is all the memory there is
storage = torch.arange(12)
x = storage.view(3, 4)
corner = x[1:, 1:]  # starts 5 elements into the storage
xt = x.t()  # the same elements, strides swapped
every_other = x[:, ::2]  # every other column: the column stride doubles

tensors = [
    ("x", x),
    ("corner", corner),
    ("xt", xt),
    ("every_other", every_other),
]
for name, t in tensors:
    print(
        f"{name:12} shape {tuple(t.shape)}  stride {t.stride()}  "
        f"offset {t.storage_offset()}  contiguous {t.is_contiguous()}"
    )

# All of them read the same 12-element storage (8 bytes per int64 element).
print("\nstorage bytes of corner:", corner.untyped_storage().nbytes())
print(
    "same storage as x:",
    corner.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
)

# Element [i, j] lives at offset + i * stride[0] + j * stride[1].
i, j = 1, 2
cell = corner.storage_offset() + i * corner.stride(0) + j * corner.stride(1)
print(
    f"\ncorner[{i}, {j}] is storage cell {cell}:",
    corner[i, j].item(),
    "==",
    storage[cell].item(),
)
