import torch

weight = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
optimizer = torch.optim.SGD([weight], lr=0.1)
before = weight  # a second name for the same object
storage = weight.untyped_storage().data_ptr()

(weight * weight).sum().backward()
print("grad:", weight.grad, "| weight._version:", weight._version)
optimizer.step()  # weight -= 0.1 * grad, in place
print("after step():", weight.detach(), "| weight._version:", weight._version)
print("same object:", weight is before)
print("same storage:", weight.untyped_storage().data_ptr() == storage)

# The same update by hand must run under no_grad.
try:
    weight -= 0.1 * weight.grad
except RuntimeError as error:
    print("\nwithout no_grad: RuntimeError:", error)
with torch.no_grad():
    weight -= 0.1 * weight.grad
print("under no_grad:", weight.detach(), "| weight._version:", weight._version)

# A graph that saved weight before step() is refused afterwards.
loss = (weight * weight).sum()
optimizer.step()
try:
    loss.backward()
except RuntimeError as error:
    print("\nRuntimeError:", error)
