import torch


def same_storage(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


# Create a contiguous tensor
x = torch.arange(12)
print(f"x: {x}")
print(f"shape: {x.shape}")
print(f"contiguous? {x.is_contiguous()}")

# Reshape with view()
y = x.view(3, 4)
print("\nx.view(3, 4):")
print(y)
print(f"shape: {y.shape}")
print(f"shares x's storage? {same_storage(y, x)}")
print(f"contiguous? {y.is_contiguous()}")

# Another view
z = y.view(2, 6)
print("\ny.view(2, 6):")
print(z)
print(f"shape: {z.shape}")
print(f"shares x's storage? {same_storage(z, x)}")
print(f"contiguous? {z.is_contiguous()}")

# Infer one dimension with -1
w = x.view(2, 2, -1)  # the last dimension is inferred: 12 / (2 * 2) = 3
print("\nx.view(2, 2, -1):")
print(w)
print(f"shape: {w.shape}")
