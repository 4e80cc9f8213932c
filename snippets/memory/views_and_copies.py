import torch


def shares_memory(result, *bases):
    # True if the result (or each part of a tuple result) is in a base's storage
    parts = result if isinstance(result, tuple) else (result,)
    return all(
        any(
            p.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
            for b in bases
        )
        for p in parts
    )


x = torch.arange(12.0).reshape(3, 4)
c = torch.tensor([1 + 2j, 3 - 4j])

# (operation, one-line example): each result is checked below, not looked up.
EXAMPLES = [
    ("slicing", "x[1:, ::2]"),
    ("select / integer index", "x.select(0, 1)"),
    ("view", "x.view(4, 3)"),
    ("view_as", "x.view_as(torch.empty(2, 6))"),
    ("reshape (view when possible)", "x.reshape(4, 3)"),
    ("reshape (copy when it must)", "x.t().reshape(12)"),
    ("flatten (view when possible)", "x.flatten()"),
    ("flatten (copy when it must)", "x.t().flatten()"),
    ("permute", "x.permute(1, 0)"),
    ("transpose", "x.transpose(0, 1)"),
    ("t", "x.t()"),
    ("T", "x.T"),
    ("mT", "x.mT"),
    ("expand", "x[:1].expand(3, 4)"),
    ("narrow", "x.narrow(1, 1, 2)"),
    ("unsqueeze", "x.unsqueeze(0)"),
    ("squeeze", "x[None].squeeze(0)"),
    ("unflatten", "x.unflatten(1, (2, 2))"),
    ("unfold", "x.unfold(1, 2, 2)"),
    ("split", "x.split(2, dim=1)"),
    ("chunk", "x.chunk(3)"),
    ("unbind", "x.unbind()"),
    ("diagonal", "x.diagonal()"),
    ("movedim", "x.movedim(0, 1)"),
    ("as_strided", "x.as_strided((2, 2), (1, 4))"),
    ("detach", "x.detach()"),
    ("real", "c.real"),
    ("imag", "c.imag"),
    ("view_as_real", "torch.view_as_real(c)"),
    ("advanced indexing (integers)", "x[[0, 2]]"),
    ("advanced indexing (mask)", "x[x > 5]"),
    ("clone", "x.clone()"),
    ("contiguous (non-contiguous input)", "x.t().contiguous()"),
    ("flip", "x.flip(0)"),
    ("torch.tensor", "torch.tensor(x.numpy())"),
]

rows = []
for operation, example in EXAMPLES:
    result = eval(example, {"torch": torch, "x": x, "c": c})
    rows.append((operation, example, shares_memory(result, x, c)))

for operation, example, is_view in rows:
    print(f"{'view' if is_view else 'copy'}  {example:<30} {operation}")
