import torch

x = torch.arange(1.0, 8.0)
u = x.unfold(0, 2, 1)
print(u)
print(u.shape, u.stride())
v = x.unfold(0, 3, 2)
print(v)
m = torch.arange(12).reshape(3, 4)
w = m.unfold(1, 2, 2)
print(w.shape, w.stride())
print(w)
u[0, 1] = 50
print(x)
