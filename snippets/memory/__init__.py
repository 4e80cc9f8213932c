"""内存共享 · Memory sharing."""
