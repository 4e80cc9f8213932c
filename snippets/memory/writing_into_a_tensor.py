import torch

x = torch.zeros(2, 3)
alias = x
storage = x.untyped_storage().data_ptr()

x[:] = torch.tensor([1.0, 2.0, 3.0])  # broadcast to both rows
print("after x[:] = ...:\n", alias)
x.copy_(torch.tensor([[4.0], [5.0]]))  # broadcast along the columns
print("after x.copy_(...):\n", alias)
result = torch.add(x, 1, out=x)  # the sum is written into x
print("after torch.add(x, 1, out=x):\n", alias)
print("result is x:", result is x, "| x is alias:", x is alias)
print(
    "same storage:",
    x.untyped_storage().data_ptr() == storage,
    "| x._version:",
    x._version,
)

# A source that cannot be broadcast to x's shape is refused.
try:
    x.copy_(torch.ones(4))
except RuntimeError as error:
    print("\nRuntimeError:", error)

# copy_() and x[:] = ... convert to x's dtype: floats are cut towards zero.
counts = torch.zeros(3, dtype=torch.int64)
counts.copy_(torch.tensor([1.7, -1.7, 2.5]))
print("\ncounts after copy_:", counts)
counts[:] = torch.tensor([0.9, -0.9, 3.9])
print("counts after counts[:] = ...:", counts)
