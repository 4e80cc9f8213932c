import torch

z = torch.arange(24).reshape(2, 3, 4)
array = z.numpy()

print(
    "z[0, :, [1, 3]]:    torch",
    tuple(z[0, :, [1, 3]].shape),
    "NumPy",
    array[0, :, [1, 3]].shape,
)
print(
    "z[:, 0, [1, 3]]:    torch",
    tuple(z[:, 0, [1, 3]].shape),
    "NumPy",
    array[:, 0, [1, 3]].shape,
)
print(
    "z[[0, 1], :, 2]:    torch",
    tuple(z[[0, 1], :, 2].shape),
    "NumPy",
    array[[0, 1], :, 2].shape,
)
print(
    "z[[0], :, [1, 3]]:  torch",
    tuple(z[[0], :, [1, 3]].shape),
    "NumPy",
    array[[0], :, [1, 3]].shape,
)

torch_layout = z[0, :, [1, 3]]
numpy_layout = array[0, :, [1, 3]]
print(
    "same values, transposed:", (torch_layout.T.numpy() == numpy_layout).all()
)
print(
    "torch: the same as z[0][:, [1, 3]]:",
    torch.equal(torch_layout, z[0][:, [1, 3]]),
)
