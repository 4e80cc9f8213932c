import pytest

from tests.conftest import shares_storage


def test_storage_still_answers_but_warns_deprecated(run_snippet):
    with pytest.warns(UserWarning, match=r"TypedStorage is deprecated.*untyped_storage\(\)"):
        ns = run_snippet("memory/storage_data_ptr_deprecated")
    assert ns["same"] is True
    assert shares_storage(ns["y"], ns["x"])
