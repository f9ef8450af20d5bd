#> Views: new tensor objects that read the same storage with other strides.
import torch

a = torch.arange(6.)
print(a, a.stride())

#> view reshapes without copying: same storage, strides (3, 1).
b = a.view(2, 3)
print(b.stride(), b.storage_offset())

#> t() swaps the strides; the cells are read in a different order.
c = b.t()
print(c.stride(), c.is_contiguous())

#> Slicing is a view too: it starts at an offset into the storage.
d = b[1, 1:]
print(d, d.storage_offset())

#> Writing through a view writes the shared storage: every tensor on it sees it,
#> and they all share one version counter.
d.fill_(-1)
print(a)
print(a._version, b._version, d._version)
