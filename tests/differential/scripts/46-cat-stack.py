import torch

a = torch.arange(3)
b = torch.arange(3, 6)
c = torch.cat([a, b])
print(c)
s = torch.stack([a, b])
print(s, s.shape)
s1 = torch.stack((a, b), dim=1)
print(s1)
m = torch.ones(2, 2)
print(torch.cat([m, m * 2], dim=1))
print(torch.cat([m, torch.zeros(1, 2)]))
print(torch.hstack([a, b]))
print(torch.vstack([a, b]))
print(torch.cat([a, a.float()]).dtype)
a[0] = 100
print(c)
