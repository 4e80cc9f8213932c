import sys

import numpy as np
import pytest
import torch
import torch.multiprocessing as mp

from tests.conftest import shares_storage


@pytest.mark.claim(
    "share-memory-moves-storage",
    "share-memory-copies-to-a-new-address",
    "views-of-a-shared-tensor-are-shared",
    "new-tensor-is-not-in-shared-memory",
)
def test_share_memory_moves_the_storage_in_place_and_returns_the_tensor(run_snippet):
    ns = run_snippet("memory/sharing_across_processes")
    shared = ns["shared"]
    assert shared.is_shared()
    assert shared.untyped_storage().data_ptr() != ns["storage_before"]
    # a view of it lives in the same storage, so it is in shared memory too
    assert shared[1:].is_shared()
    assert shares_storage(shared[1:], shared)
    # the same call on a fresh tensor: returns that tensor, new storage, same values
    fresh = torch.arange(3.0)
    before = fresh.untyped_storage().data_ptr()
    assert fresh.share_memory_() is fresh
    assert fresh.is_shared()
    assert fresh.untyped_storage().data_ptr() != before
    assert fresh.tolist() == [0.0, 1.0, 2.0]
    # an empty tensor has no data to move: it is marked shared, at the address it had (0)
    empty = torch.empty(0)
    assert empty.untyped_storage().data_ptr() == 0
    assert empty.share_memory_().is_shared()
    assert empty.untyped_storage().data_ptr() == 0
    # counter-case: a tensor made by torch is not in shared memory until then
    assert not ns["private"].is_shared()
    assert not torch.zeros(3).is_shared()


@pytest.mark.claim("child-write-seen-only-in-shared-memory")
def test_a_forked_childs_write_is_seen_only_through_shared_memory(run_snippet):
    ns = run_snippet("memory/sharing_across_processes")
    assert ns["child"].exitcode == 0
    assert ns["shared"].tolist() == [1.0, 1.0, 1.0]  # the child's write, seen here
    # counter-case: the tensor not in shared memory was written in the child's own copy only
    assert ns["private"].tolist() == [0.0, 0.0, 0.0]
    assert not ns["private"].is_shared()


@pytest.mark.claim(
    "queue-moves-tensor-to-shared-memory",
    "queue-receiver-maps-the-same-memory",
    "fork-argument-is-not-moved",
)
def test_a_tensor_put_on_a_torch_queue_moves_to_shared_memory(run_snippet):
    ns = run_snippet("memory/sharing_across_processes")
    assert ns["sent"].is_shared()
    assert ns["sent"].tolist() == [1.0, 1.0, 1.0]  # the child's write to what it received
    # the same again, checked before the child runs: putting it on the queue moved it
    context = mp.get_context("fork")
    queue = context.Queue()
    tensor = torch.zeros(2)
    assert not tensor.is_shared()
    queue.put(tensor)
    received = queue.get(timeout=10)
    assert tensor.is_shared()
    received.add_(1)  # what came out of the queue maps the same shared memory
    assert tensor.tolist() == [1.0, 1.0]
    # counter-case: passed as an argument of a forked child (not sent through the queue) it stays put
    child = context.Process(target=torch.Tensor.add_, args=(torch.zeros(1), 1))
    argument = child._args[0]
    child.start()
    child.join()
    assert child.exitcode == 0
    assert not argument.is_shared()
    assert argument.item() == 0.0


@pytest.mark.claim("share-memory-again-does-not-move")
def test_share_memory_again_moves_nothing():
    tensor = torch.arange(3.0).share_memory_()
    address = tensor.untyped_storage().data_ptr()
    assert tensor.share_memory_() is tensor
    assert tensor.untyped_storage().data_ptr() == address  # already shared: not copied again
    # counter-case: the first call, on a tensor not in shared memory, moved it
    fresh = torch.arange(3.0)
    before = fresh.untyped_storage().data_ptr()
    assert fresh.share_memory_().untyped_storage().data_ptr() != before


@pytest.mark.claim("queue-moves-in-the-background")
def test_the_queue_moves_the_storage_after_put_returns():
    queue = mp.get_context("fork").Queue()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)  # this thread keeps running: the queue's thread cannot pickle yet
    try:
        tensor = torch.zeros(2)
        queue.put(tensor)
        right_after = tensor.is_shared()
    finally:
        sys.setswitchinterval(interval)
    assert not right_after  # put() has returned, and the storage has not moved
    # counter-case: once the receiver has it, it has moved
    received = queue.get(timeout=10)
    assert tensor.is_shared()
    received.add_(1)
    assert tensor.tolist() == [1.0, 1.0]


@pytest.mark.process
@pytest.mark.claim("spawn-argument-is-moved")
@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_spawned_childs_tensor_argument_is_moved_to_shared_memory(method):
    context = mp.get_context(method)
    argument = torch.zeros(3)
    assert not argument.is_shared()
    child = context.Process(target=torch.Tensor.add_, args=(argument, 1))  # importable by name
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0
    assert argument.is_shared()
    assert argument.tolist() == [1.0, 1.0, 1.0]  # the child's write, seen here
    # counter-case: the same with "fork" leaves the argument where it was, and the write in the child
    forked = torch.zeros(3)
    child = mp.get_context("fork").Process(target=torch.Tensor.add_, args=(forked, 1))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0
    assert not forked.is_shared()
    assert forked.tolist() == [0.0, 0.0, 0.0]


@pytest.mark.claim("queue-unlinks-a-numpy-array", "moving-to-shared-memory-leaves-numpy-behind")
def test_moving_a_storage_into_shared_memory_leaves_numpy_arrays_behind():
    # a tensor from torch.from_numpy(a), moved by share_memory_(): no longer shares with a
    a = np.ones(3)
    from_a = torch.from_numpy(a)
    from_a.share_memory_()
    from_a[0] = 5.0
    assert a.tolist() == [1.0, 1.0, 1.0]
    assert not np.shares_memory(a, from_a.numpy())
    # the same, moved by a queue
    b = np.ones(3)
    from_b = torch.from_numpy(b)
    queue = mp.get_context("fork").Queue()
    queue.put(from_b)
    queue.get(timeout=10)[0] = 5.0
    assert from_b.is_shared()
    assert from_b[0].item() == 5.0
    assert b.tolist() == [1.0, 1.0, 1.0]
    # an array made earlier with .numpy() keeps the old address (its values are never read here)
    tensor = torch.zeros(3)
    earlier = tensor.numpy()
    old = tensor.untyped_storage().data_ptr()
    assert earlier.ctypes.data == old
    tensor.share_memory_()
    assert tensor.untyped_storage().data_ptr() != old
    assert earlier.ctypes.data == old
    # counter-case: share_memory_() first, .numpy() after it: the array shares the shared memory
    shared = torch.zeros(3).share_memory_()
    later = shared.numpy()
    shared[0] = 1.0
    assert later[0] == 1.0


@pytest.mark.claim("share-memory-unlinks-a-numpy-array")
def test_share_memory_of_a_from_numpy_tensor_breaks_its_link_to_the_array():
    array = np.zeros(3)
    tensor = torch.from_numpy(array)
    # before: the two are one memory
    tensor[0] = 5.0
    assert array.tolist() == [5.0, 0.0, 0.0]
    assert tensor.share_memory_() is tensor
    assert tensor.is_shared()
    assert tensor.data_ptr() != array.ctypes.data
    # after: no error, no warning, and writes no longer cross
    tensor[1] = 6.0
    array[2] = 7.0
    assert array.tolist() == [5.0, 0.0, 7.0]
    assert tensor.tolist() == [5.0, 6.0, 0.0]
    # counter-case: another tensor from the same array, not moved, is still linked to it
    other = torch.from_numpy(array)
    other[1] = 8.0
    assert array[1] == 8.0
