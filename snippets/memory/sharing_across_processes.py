import torch
import torch.multiprocessing as mp

shared = torch.zeros(3)
private = torch.zeros(3)
sent = torch.zeros(3)

storage_before = shared.untyped_storage().data_ptr()
print("shared.is_shared() before:", shared.is_shared())
print(
    "share_memory_() returns shared itself:", shared.share_memory_() is shared
)
print("shared.is_shared() after:", shared.is_shared())
print(
    "its storage moved:", shared.untyped_storage().data_ptr() != storage_before
)
print("private.is_shared():", private.is_shared())


def add_one(a, b, queue):
    a += 1
    b += 1
    received = queue.get()
    received += 1


# The "fork" start method: the child starts as a copy of this process
context = mp.get_context("fork")
queue = context.Queue()
child = context.Process(target=add_one, args=(shared, private, queue))
child.start()
queue.put(sent)
child.join()
print("child exit code:", child.exitcode)
print("shared: ", shared)
print("private:", private)
print("sent:   ", sent)
print("sent.is_shared() after the queue:", sent.is_shared())
