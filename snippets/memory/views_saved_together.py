import io

import torch

grid = torch.arange(12.0).view(3, 4)
row = grid[1]  # a view: row 1 of grid's storage

# Saved together, in one torch.save: the storage is written once.
buffer = io.BytesIO()
torch.save({"grid": grid, "row": row}, buffer)
buffer.seek(0)
loaded = torch.load(buffer, weights_only=True)
grid_loaded, row_loaded = loaded["grid"], loaded["row"]
print(
    "together, same storage after load:",
    row_loaded.untyped_storage().data_ptr()
    == grid_loaded.untyped_storage().data_ptr(),
)
row_loaded[0] = -1.0
print(f"grid_loaded after row_loaded[0] = -1:\n{grid_loaded}")

# Saved in two torch.save calls: each file has its own copy of the storage.
buffer_grid, buffer_row = io.BytesIO(), io.BytesIO()
torch.save(grid, buffer_grid)
torch.save(row, buffer_row)
buffer_grid.seek(0)
buffer_row.seek(0)
grid_alone = torch.load(buffer_grid, weights_only=True)
row_alone = torch.load(buffer_row, weights_only=True)
print(
    "\nseparately, same storage after load:",
    row_alone.untyped_storage().data_ptr()
    == grid_alone.untyped_storage().data_ptr(),
)
row_alone[0] = -1.0
print(f"grid_alone after row_alone[0] = -1:\n{grid_alone}")
