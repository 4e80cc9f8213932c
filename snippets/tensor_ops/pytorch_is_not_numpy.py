import numpy as np
import torch


# Every row runs one line on fresh inputs: with lib = np, then lib = torch.
def inputs(lib):
    return {
        "m": lib.asarray([[3, 1, 2, 0], [4, 7, 5, 6]]),
        "v": lib.asarray([0, 1, 2, 3, 4, 5]),
        "s": lib.asarray([3, 1, 2]),
        "n": lib.asarray([-7, 7]),
        "f": lib.asarray([1.0, 2.0, 3.0, 4.0]),
        "c": lib.zeros((2, 3, 4)),
    }


# The first row, m.flatten(): does the result share memory with m?
m = inputs(np)["m"]
print("NumPy:  ", np.shares_memory(m.flatten(), m))
m = inputs(torch)["m"]
start = m.untyped_storage().data_ptr()
print("PyTorch:", m.flatten().untyped_storage().data_ptr() == start)

# not-shown: runs every row the same way (the page draws `rows` as tables)
import warnings  # noqa: E402

# (the same line of code, what to report about its result)
#   memory: view / copy of an input, or the input itself
#   value, dtype, shape: the result's values, dtype or shape
#   an input's name (m, s): that input's values after the line ran
CODE = [
    ("m.flatten()", "memory"),
    ("v.flatten()", "memory"),
    ("m[:, ::2].flatten()", "memory"),
    ("m.T.flatten()", "memory"),
    ("m.ravel()", "memory"),
    ("m[:, ::2].ravel()", "memory"),
    ("m.reshape(4, 2)", "memory"),
    ("m.T.reshape(8)", "memory"),
    ("lib.flip(v, (0,))", "memory"),
    ("v[::-1]", "memory"),
    ("v[0]", "memory"),
    ("m[0]", "memory"),
    ("m.T", "memory"),
    ("m[[0, 1]]", "memory"),
    ("m[m > 2]", "memory"),
    ("m[m > 2] = 0", "m"),
    ("lib.add(v, 1, out=v)", "memory"),
    ("v[1:].base", "memory"),
    ("v[1:]._base", "memory"),
    ("m.copy()", "memory"),
    ("m.clone()", "memory"),
    ("m.view(4, 2)", "memory"),
    ("c.T", "shape"),
    ("m.size", "value"),
    ("m.max(1)", "value"),
    ("s.sort()", "value, s"),
    ("s.repeat(2)", "value"),
    ("lib.split(v, 2)", "value"),
    ("lib.split(v, [1, 3])", "value"),
    ("f.std()", "value"),
    ("v.mean()", "value"),
    ("n // 2", "value"),
    ("n % 2", "value"),
    ("lib.asarray([1.0])", "dtype"),
    ("lib.zeros(2)", "dtype"),
    ("v / 2", "dtype"),
    ("lib.asarray([1])", "dtype"),
    ("(m > 2).sum()", "value, dtype"),
    ("c[0, :, [1, 3]]", "shape"),
    ("c[:, 0, [1, 3]]", "shape"),
    ("lib.nonzero(s > 1)", "value"),
]


def shares(a, b):
    """Whether two arrays, or two tensors, share memory."""
    if isinstance(a, torch.Tensor):
        return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
    return np.shares_memory(a, b)


def text(value):
    """A result in a few words: arrays and tensors as lists, 4-digit floats."""
    # torch's (values, indices)
    if isinstance(value, tuple) and hasattr(value, "indices"):
        return f"values={text(value.values)}, indices={text(value.indices)}"
    if isinstance(value, list | tuple) and not isinstance(value, torch.Size):
        return "[" + ", ".join(text(part) for part in value) + "]"
    if isinstance(value, torch.Size):
        return str(tuple(value))
    if isinstance(value, np.ndarray | np.generic | torch.Tensor):
        value = value.tolist()
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def memory(result, inputs):
    """[(kind, text)]: a view or copy of an input (a 0-d result says what it
    is), or an input itself."""
    for name, x in inputs.items():
        if result is x:
            return [("itself", name)]
    kind = "view" if any(shares(result, x) for x in inputs.values()) else "copy"
    if isinstance(result, torch.Tensor) and result.dim() == 0:
        return [(kind, ""), ("zero_d", "")]
    if isinstance(result, np.generic):
        return [(kind, ""), ("scalar", type(result).__name__)]
    return [(kind, "")]


def run(code, report, lib):
    """Run one line with lib = np or torch on fresh inputs: what happened,
    as [(kind, text)] parts."""
    fresh = inputs(lib)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if " = " in code:  # a statement: report an input afterwards
                exec(code, {"lib": lib}, fresh)
                result = None
            else:
                result = eval(code, {"lib": lib}, dict(fresh))
        except Exception as error:
            return [("raises", type(error).__name__)]
    parts = []
    for item in report.split(", "):
        if item == "memory":
            parts += memory(result, fresh)
        elif item == "value":
            parts.append(
                ("method", "") if callable(result) else ("value", text(result))
            )
        elif item == "dtype":
            parts.append(("value", str(result.dtype).removeprefix("torch.")))
        elif item == "shape":
            parts.append(("value", str(tuple(result.shape))))
        else:  # an input's name: its values after the line ran
            parts.append(("after", f"{item} = {text(fresh[item])}"))
    parts += [("warns", warning.category.__name__) for warning in caught]
    return parts


rows = [
    (code, run(code, report, np), run(code, report, torch))
    for code, report in CODE
]

# Seeding: the same seed, one uniform draw from each library.
np.random.seed(0)
numpy_draw = np.random.rand()
torch.manual_seed(0)
torch_draw = torch.rand(()).item()
rows.append(
    (
        "seed(0); rand()",
        [("value", text(numpy_draw))],
        [("value", text(torch_draw))],
    )
)
