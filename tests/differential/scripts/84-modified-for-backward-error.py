import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
c = b.sigmoid()
print(c._version)
c.mul_(3)
print(c._version)
s = c.sum()
print(s.requires_grad)
s.backward()
