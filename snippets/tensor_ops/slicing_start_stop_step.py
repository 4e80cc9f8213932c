import torch

# Create a 1-D tensor
y_1d = torch.arange(10)
print(f"y_1d: {y_1d}")

# Every other element
slice4 = y_1d[::2]
print(f"y_1d[::2]: {slice4}")

# Elements 1 to 7, step 2 (stop is exclusive)
slice5 = y_1d[1:8:2]
print(f"y_1d[1:8:2]: {slice5}")
