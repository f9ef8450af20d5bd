import torch

x = torch.arange(20).reshape(4, 5)
n = x.narrow(1, 1, 3)
print(n)
print(n.storage_offset(), n.stride())
s = x.select(0, 2)
print(s, s.storage_offset())
c = x.select(1, -1)
print(c, c.stride(), c.storage_offset())
n.fill_(0)
print(x)
print(x._version, n._version, s._version)
