import torch

a = torch.ones(2, 3)
b = torch.ones(3, 4)
print(a @ b)
print(torch.matmul(a, b).shape)
print(torch.mm(a, b).sum())
c = a @ a
