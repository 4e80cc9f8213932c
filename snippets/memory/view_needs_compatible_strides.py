import torch

matrix = torch.arange(12).view(3, 4)

# t() swaps the strides: the elements are no longer in row-major order.
transposed = matrix.t()
print("transposed.is_contiguous():", transposed.is_contiguous())
try:
    transposed.view(12)
except RuntimeError as error:
    print("RuntimeError:", error)

# reshape() works: it returns a view when it can and a copy when it must.
flat = transposed.reshape(12)
print("transposed.reshape(12):", flat)

# Slicing whole rows keeps a tensor contiguous;
# slicing some of the columns, or slicing with a step, does not.
print("\nmatrix[0:2].is_contiguous():", matrix[0:2].is_contiguous())
first_two_columns = matrix[:, 0:2]
print("matrix[:, 0:2].is_contiguous():", first_two_columns.is_contiguous())

# view() does not strictly need a contiguous tensor, only compatible strides:
# every other row of matrix is not contiguous, yet splitting its last dim works.
every_other_row = matrix[::2]
print("every_other_row.is_contiguous():", every_other_row.is_contiguous())
split_rows = every_other_row.view(2, 2, 2)
print("every_other_row.view(2, 2, 2):")
print(split_rows)
