import torch

x = torch.zeros(2, 3, requires_grad=True)
row = x[1]  # a view of x
detached = x.detach()  # the same storage, outside autograd
data = x.data  # the same storage, with a counter of its own
copy = x.detach().clone()  # a copy: its own storage

print("_version of x, row, detached, data:")


def versions():
    return x._version, row._version, detached._version, data._version


with torch.no_grad():
    row.add_(1)  # a write through the view
print("  after row.add_(1):       ", *versions())
detached[0, 0] = 7  # a write through the detached alias
print("  after detached[0, 0] = 7:", *versions())
data.mul_(2)  # a write through .data
print("  after data.mul_(2):      ", *versions())

print("a new view x[0] starts at x._version:", x[0]._version)
print("a new x.data starts at 0:", x.data._version, end=" ")
print("| x.data is data:", x.data is data)

copy.add_(1)  # a copy counts its own writes
print("after copy.add_(1): copy._version", copy._version, end=" ")
print("| x._version", x._version)
print("x:", x.detach())
