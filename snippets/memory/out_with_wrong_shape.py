import warnings

import torch

a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([10.0, 20.0, 30.0])

out = torch.zeros(2)  # two elements, but a + b has three
alias = out
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.add(a, b, out=out)  # resized, with a warning
message = str(caught[0].message).split(" (Triggered internally")[0]
print(f"{caught[0].category.__name__}: {message}")
print("out:", out, "| out is alias:", out is alias)

# An out with no elements is resized without a warning.
empty = torch.empty(0)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.add(a, b, out=empty)
print("\nempty:", empty, "| warnings:", len(caught))

# If its storage has room, the resized out stays in it: it spills into base.
base = torch.zeros(5)
window = base[:2]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.add(a, b, out=window)
print("\nwindow:", window, "| base:", base, "| warnings:", len(caught))
