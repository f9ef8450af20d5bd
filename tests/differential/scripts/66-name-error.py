import torch

x = torch.ones(2)
del x
y = torch.zeros(2)
print(y)
print(x)
