import torch

x = torch.arange(12).reshape(3, 4)
a = x[1]
b = x[1:2]
c = x[:, 0]
d = x[1, 2]
print(a.data_ptr() == x[1].data_ptr())
print(a.shape, b.shape, c.shape, d.shape)
print(d.dim(), d.storage_offset())
print(d)
d.fill_(-7)
print(x)
e = x[..., None]
print(e.shape, e.stride())
f = x[0][1]
print(f.storage_offset())
