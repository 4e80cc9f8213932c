import io

import torch

big = torch.arange(100_000, dtype=torch.float32)  # 400,000 bytes
small = big[500:510]  # 10 elements, 40 bytes

# torch.save into an in-memory file; its size is the number of bytes written.
buffer = io.BytesIO()
torch.save(small, buffer)
print("torch.save(small):               ", buffer.getbuffer().nbytes, "bytes")

buffer_big = io.BytesIO()
torch.save(big, buffer_big)
print(
    "torch.save(big):                 ", buffer_big.getbuffer().nbytes, "bytes"
)

# small is already contiguous, so contiguous() returns it unchanged: no help.
buffer_contiguous = io.BytesIO()
torch.save(small.contiguous(), buffer_contiguous)
print(
    "torch.save(small.contiguous()):  ",
    buffer_contiguous.getbuffer().nbytes,
    "bytes",
)

# clone() copies the 10 elements into a storage of their own.
buffer_clone = io.BytesIO()
torch.save(small.clone(), buffer_clone)
print(
    "torch.save(small.clone()):       ",
    buffer_clone.getbuffer().nbytes,
    "bytes",
)

# Loading brings the whole storage back, with the slice at its offset.
buffer.seek(0)
loaded = torch.load(buffer, weights_only=True)
print("\nloaded:", loaded)
print("loaded.storage_offset():", loaded.storage_offset())
print("bytes of loaded's storage:", loaded.untyped_storage().nbytes())
