import torch

x = torch.arange(4)
v = x[1:]
del x
print(v)
v[0] = 10
print(v)
y = torch.ones(2)
z = y
del y
print(z)
a, b = torch.zeros(2), torch.ones(2)
a, b = b, a
print(a, b)
(c, d), e = (torch.tensor(1), torch.tensor(2)), torch.tensor(3)
print(c, d, e)
