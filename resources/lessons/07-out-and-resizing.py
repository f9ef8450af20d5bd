#> out= writes the result into a tensor you provide.
import torch

a = torch.ones(4)
b = torch.ones(4)
out = torch.zeros(4)

#> Right size: the result goes straight into out's storage.
torch.add(a, b, out=out)
print(out, out._version)

#> Wrong size: out is resized first, which gives its storage new, larger memory
#> (same storage object, new address).
small = torch.zeros(1)
torch.mul(a, b, out=small)
print(small, small.shape)

#> resize_ changes a tensor's size in place; shrinking keeps the same memory
#> (growing would allocate more, with whatever bytes happen to be there).
v = torch.arange(8.)
v.resize_(2)
print(v, v.shape)
