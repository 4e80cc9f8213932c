import torch

row = torch.tensor([1, 2, 3, 4])
grid = row.expand(3, 4)  # 3 rows that are all the same 4 elements
print(f"grid:\n{grid}")
print("grid.stride():", grid.stride())
# still 4 elements
print("storage bytes of grid:", grid.untyped_storage().nbytes())

# Stride 0: moving down a row moves 0 cells, so every row reads cells 0..3.
print(
    "same as as_strided(row, (3, 4), (0, 1)):",
    torch.equal(grid, torch.as_strided(row, (3, 4), (0, 1))),
)
