import torch

weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

try:
    weights.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)

# detach() gives a tensor outside autograd that still shares memory.
as_array = weights.detach().numpy()
print("weights.detach().numpy():", as_array)
