from tests.conftest import overlaps, shares_storage


def test_offset_slice_has_other_data_ptr_but_same_storage(run_snippet):
    ns = run_snippet("memory/data_ptr_misleads_for_offset_slice")
    x, tail = ns["x"], ns["tail"]
    assert tail.data_ptr() != x.data_ptr()  # what misleads
    assert tail.storage_offset() == 2
    assert tail.data_ptr() == x.data_ptr() + 2 * x.element_size()
    assert shares_storage(tail, x)  # what is true
    assert overlaps(tail, x)


def test_writing_through_the_slice_changes_x(run_snippet):
    ns = run_snippet("memory/data_ptr_misleads_for_offset_slice")
    assert ns["x"].tolist() == [0, 1, 100, 3, 4, 5]
