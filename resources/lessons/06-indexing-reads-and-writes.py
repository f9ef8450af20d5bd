#> Indexing: basic reads are views, advanced reads copy, writes go in place.
import torch

x = torch.arange(10)

#> A slice is a view of x's storage.
s = x[2:5]
print(s.storage().data_ptr() == x.storage().data_ptr())

#> Indexing with a list (or a mask) copies into a new storage.
picked = x[[1, 3, 5]]
print(picked, picked.storage().data_ptr() == x.storage().data_ptr())
mask = x > 6
big = x[mask]
print(big)

#> Assigning through an index writes x's storage in place.
x[0] = 100
x[mask] = 0
print(x, x._version)
