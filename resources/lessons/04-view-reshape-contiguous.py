#> view, reshape and contiguous: when do they copy?
import torch

a = torch.arange(6).view(2, 3)

#> reshape of a contiguous tensor is a view (no new storage)...
r = a.reshape(3, 2)
print(r.storage().data_ptr() == a.storage().data_ptr())

#> ...but a transposed tensor cannot be re-viewed, so reshape copies.
t = a.t()
r2 = t.reshape(6)
print(r2.storage().data_ptr() == a.storage().data_ptr())

#> contiguous() of a contiguous tensor is the same object.
same = a.contiguous()
print(same is a)

#> contiguous() of a transposed tensor makes a new, row-major copy.
copy = t.contiguous()
print(copy.stride(), copy.is_contiguous())
