import torch

big = torch.arange(100_000, dtype=torch.float32)  # 400,000 bytes
small = big[500:510]  # 10 elements, 40 bytes of data

print("bytes of small's elements:", small.numel() * small.element_size())
print("bytes of small's storage: ", small.untyped_storage().nbytes())
print("small.storage_offset():   ", small.storage_offset())

# Deleting the name big frees nothing: small still uses the whole storage.
del big
print(
    "\nafter del big, small's storage:",
    small.untyped_storage().nbytes(),
    "bytes",
)
print("small:", small)

# A clone has a storage of its own, just big enough for its elements.
print(
    "\nbytes of small.clone()'s storage:",
    small.clone().untyped_storage().nbytes(),
)
