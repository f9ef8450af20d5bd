import torch

a = torch.arange(3).reshape(3, 1)
b = torch.arange(4)
c = a + b
print(c)
print(c.shape)
d = torch.ones(2, 1, 3) * torch.arange(2).reshape(2, 1)
print(d.shape)
print(d)
e = torch.zeros(3, 4)
e += b
print(e)
f = torch.broadcast_to(b, (2, 4))
print(f.stride())
print(torch.broadcast_shapes((3, 1), (1, 4)))
