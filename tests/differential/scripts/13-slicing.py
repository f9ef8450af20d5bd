import torch

x = torch.arange(10)
a = x[2:8]
b = x[::2]
c = x[1:9:3]
d = x[-3:]
print(a, a.storage_offset())
print(b, b.stride())
print(c, c.stride(), c.storage_offset())
print(d)
e = x[5:2]
print(e, e.shape)
m = torch.arange(16).reshape(4, 4)
print(m[1:3, ::2])
print(m[:, 1])
print(m[..., -1])
print(m[None, 0].shape)
b[1] = 99
print(x)
