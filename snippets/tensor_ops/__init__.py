"""张量操作 · Tensor operations."""
