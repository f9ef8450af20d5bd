import torch

m = torch.arange(6).reshape(2, 3)
a = m.mT
b = m.T
c = m.mH
print(a.shape, a.stride(), b.stride())
print(torch.equal(a, b), c.shape)
x = torch.arange(24).reshape(2, 3, 4)
print(x.mT.shape, x.mT.stride(), x.mT.storage_offset())
print(x.transpose(-2, -1).is_contiguous())
v = torch.arange(3)
print(v.t().shape)
a[0, 1] = 100
print(m)
m.t_()
print(m.shape, m.stride(), m._version)
