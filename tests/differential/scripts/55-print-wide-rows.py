import torch

x = torch.arange(30.0) * 1.5
print(x)
y = torch.arange(40).reshape(2, 20) * 1000
print(y)
z = torch.linspace(0, 1, 25)
print(z)
b = torch.ones(50, dtype=torch.bool)
print(b)
