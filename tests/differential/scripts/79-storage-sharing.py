import torch

x = torch.arange(8.0)
a = x[:4]
b = x[4:]
c = x.view(2, 4)
d = x.clone()
e = x.flip(0)
print(a.data_ptr() == x.data_ptr(), b.data_ptr() == x.data_ptr())
print(e.data_ptr() == x.data_ptr(), d.data_ptr() == x.data_ptr())
print(c.storage_offset(), b.storage_offset())
print(e)
c[1, 0] = -4
print(b)
print(x._version, a._version, b._version, c._version, d._version)
f = x.to(torch.float32)
print(f is x)
g = x.to(torch.float64)
print(g.dtype, g._version)
