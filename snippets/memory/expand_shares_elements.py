import torch

row = torch.zeros(4)
# 3 rows, but stride 0: every row is the same 4 elements
grid = row.expand(3, 4)
print("grid.stride():", grid.stride())

# Writing one element writes a cell that all three rows read.
grid[0, 0] = 1.0
print(f"grid after grid[0, 0] = 1.0:\n{grid}")
print("row:", row)

# Some in-place ops check for elements sharing a cell, and refuse ...
try:
    grid.add_(1)
except RuntimeError as error:
    print("\nRuntimeError:", error)

# ... but not all: fill_() runs, and writes the cells that every row shares.
grid.fill_(2.0)
print("\nrow after grid.fill_(2.0):", row)

# Materialise the rows first when they must differ.
own_rows = grid.clone()
own_rows[0, 0] = 5.0
print(f"\nown_rows after own_rows[0, 0] = 5.0:\n{own_rows}")
