import torch

x = torch.zeros(3)
x += torch.ones(1)
print(x)
y = torch.zeros(1)
y += torch.ones(3)
