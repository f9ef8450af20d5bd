import torch

x = torch.arange(24).reshape(2, 3, 4)
t = x.transpose(0, 2)
print(t.shape, t.stride(), t.is_contiguous())
p = x.permute(2, 0, 1)
print(p.shape, p.stride())
print(p)
m = torch.arange(6).reshape(2, 3)
print(m.t())
print(m.T)
print(m.t().stride())
print(x.mT.shape)
print(x.mT.stride())
p[0, 0, 0] = -5
print(x[0, 0])
