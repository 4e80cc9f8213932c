import numpy as np
import torch


def convert(label, from_dlpack, source):
    try:
        from_dlpack(source)
    except (BufferError, RuntimeError) as error:
        print(f"{label}: {type(error).__name__}: {error}")
    else:
        print(f"{label}: converted")


weights = torch.ones(3, requires_grad=True)
convert("requires grad", np.from_dlpack, weights)
with torch.no_grad():
    convert("requires grad, under no_grad()", np.from_dlpack, weights)
convert("conjugate bit set", np.from_dlpack, torch.tensor([1 + 2j]).conj())
convert("on the meta device", np.from_dlpack, torch.ones(3, device="meta"))
convert("non-native byte order", torch.from_dlpack, np.arange(3, dtype=">i4"))
convert("string array", torch.from_dlpack, np.array(["a", "b"]))

# Detach first: the array still shares memory with weights
detached = np.from_dlpack(weights.detach())
detached[0] = 5.0
print("weights after detached[0] = 5:", weights)

frozen = np.arange(3.0)
frozen.flags.writeable = False
thawed = torch.from_dlpack(frozen)
thawed[0] = 9.0
print("frozen after thawed[0] = 9:", frozen)
