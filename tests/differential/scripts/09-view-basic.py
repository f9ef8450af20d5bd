import torch

x = torch.arange(12)
v = x.view(3, 4)
print(v)
print(v.shape, v.stride())
w = x.view(2, -1)
print(w.shape)
u = v.view(-1)
print(u.is_contiguous())
v[0, 0] = 100
print(x[0])
print(x._version, v._version, w._version)
f = torch.arange(6, dtype=torch.float32).view(torch.int32)
print(f.dtype)
print(f)
