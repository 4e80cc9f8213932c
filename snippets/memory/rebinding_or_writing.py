import torch

x = torch.tensor([1, 2, 3])
alias = x  # a second name for the same tensor object
storage = x.untyped_storage().data_ptr()

x += 10  # writes into x's storage
print("after x += 10:    alias", alias, "| x is alias:", x is alias)
print(
    "  same storage:",
    x.untyped_storage().data_ptr() == storage,
    "| x._version:",
    x._version,
)

x = x + 10  # computes a new tensor, then points the name x at it
print("after x = x + 10: alias", alias, "| x", x, "| x is alias:", x is alias)
print(
    "  same storage:",
    x.untyped_storage().data_ptr() == storage,
    "| x._version:",
    x._version,
)
print("  alias._version:", alias._version)
