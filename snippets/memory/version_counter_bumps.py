import torch

x = torch.zeros(3)
print("new tensor:                   x._version", x._version)
x.add_(1)  # a method whose name ends in _
print("after x.add_(1):              x._version", x._version)
x += 1  # an augmented assignment
print("after x += 1:                 x._version", x._version)
x[0] = 5  # an index assignment
print("after x[0] = 5:               x._version", x._version)
x.copy_(torch.ones(3))  # copying into x
print("after x.copy_(...):           x._version", x._version)
torch.mul(x, 2, out=x)  # an out= argument
print("after torch.mul(..., out=x):  x._version", x._version)
with torch.no_grad():
    x.sub_(1)  # counted under no_grad too
print("after x.sub_(1) in no_grad:   x._version", x._version)

# Reading x and out-of-place operations leave the counter alone.
y = x + 1
total = x.sum()
first = x[0].item()
print("after x + 1, x.sum(), x[0]:   x._version", x._version)
print(
    "the new results start at 0:   y._version",
    y._version,
    "| total._version",
    total._version,
)
