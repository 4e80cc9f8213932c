import torch

x = torch.arange(12).view(3, 4)
examples = [
    ("x", x),
    ("x[1:]", x[1:]),  # offset 4, still contiguous
    ("x.t()", x.t()),
    ("x[:, ::2]", x[:, ::2]),
    # a size-1 dim: its stride does not count
    ("torch.zeros(1, 5).t()", torch.zeros(1, 5).t()),
    ("torch.empty(0, 3).t()", torch.empty(0, 3).t()),  # no elements at all
]
for name, t in examples:
    # the row-major strides: those of a fresh tensor of the same shape
    row_major = torch.empty(t.shape).stride()
    print(
        f"{name:22} stride {t.stride()!s:8} row-major {row_major!s:8}",
        f"is_contiguous() {t.is_contiguous()}",
    )
