import torch

host = torch.ones(3)
print("accelerator available:", torch.accelerator.is_available())
print("host.is_pinned():", host.is_pinned())
try:
    host.pin_memory()
except RuntimeError as error:
    print("host.pin_memory(): RuntimeError:", error)
try:
    torch.empty(3, pin_memory=True)
except RuntimeError as error:
    print("torch.empty(3, pin_memory=True): RuntimeError:", error)
