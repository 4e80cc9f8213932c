import torch


def same_storage(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


images = torch.arange(24).view(2, 3, 4)  # e.g. (channels, height, width)
print("images.shape:", images.shape, "stride:", images.stride())

# permute() reorders the dimensions by changing strides; no data is copied.
channels_last = images.permute(1, 2, 0)
print(
    "\nchannels_last.shape:",
    channels_last.shape,
    "stride:",
    channels_last.stride(),
)
print("shares images' storage?", same_storage(channels_last, images))
print("contiguous?", channels_last.is_contiguous())

try:
    channels_last.view(-1)
except RuntimeError as error:
    print("\nRuntimeError:", error)

# contiguous() copies the elements into the new order; then view() works.
packed = channels_last.contiguous()
print("\npacked.stride():", packed.stride())
print("shares images' storage?", same_storage(packed, images))
print("packed.view(-1):", packed.view(-1))
