import torch

a = torch.ones(2, requires_grad=True)
b = a * 2
c = b
b = b + 1
print(b, c)
print(b is c)
c += 5
print(c)
print(b)
(c.sum() + b.sum()).backward()
print(a.grad)
