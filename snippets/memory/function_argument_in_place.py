import torch


def add_one_in_place(t):
    t += 1  # writes into the tensor the caller passed


def add_one_rebinding(t):
    t = t + 1  # points the local name t at a new tensor
    return t


a = torch.tensor([1, 2, 3])
add_one_in_place(a)
print("after add_one_in_place(a):  a", a)

b = torch.tensor([1, 2, 3])
result = add_one_rebinding(b)
print("after add_one_rebinding(b): b", b, "| returned", result)
