import numpy as np
import pytest
import torch


@pytest.mark.claim("nonzero-shapes-differ")
def test_np_nonzero_is_a_tuple_torch_nonzero_an_n_by_ndim_tensor(run_snippet):
    ns = run_snippet("tensor_ops/nonzero_shapes")
    array, m = ns["array"], ns["m"]
    found = np.nonzero(array)
    assert isinstance(found, tuple)
    assert len(found) == 2
    assert [a.tolist() for a in found] == [[0, 1, 2], [1, 0, 1]]
    rows = torch.nonzero(m)
    assert isinstance(rows, torch.Tensor)
    assert rows.shape == (3, 2)
    assert rows.tolist() == np.argwhere(array).tolist()
    assert torch.equal(m.nonzero(), rows)
    # the same for three dimensions: (n, 3) against a tuple of three
    cube = torch.zeros(2, 2, 2, dtype=torch.int64)
    cube[1, 0, 1] = 1
    assert torch.nonzero(cube).shape == (1, 3)
    assert len(np.nonzero(cube.numpy())) == 3
    # counter-case: as_tuple=True gives NumPy's form
    as_tuple = torch.nonzero(m, as_tuple=True)
    assert isinstance(as_tuple, tuple)
    assert [t.tolist() for t in as_tuple] == [a.tolist() for a in found]


@pytest.mark.claim("nonzero-rows-do-not-index-elements")
def test_the_tuple_indexes_the_elements_the_n_by_ndim_tensor_does_not(run_snippet):
    ns = run_snippet("tensor_ops/nonzero_shapes")
    m = ns["m"]
    assert ns["m"][ns["rows"], ns["cols"]].tolist() == [1, 2, 3]
    assert m[torch.nonzero(m)].shape == (3, 2, 2)  # rows of m, picked by each number
    # counter-case: the tuple form picks the elements, as a mask does
    assert torch.equal(m[torch.nonzero(m, as_tuple=True)], m[m != 0])
