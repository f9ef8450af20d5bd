import torch

x = torch.arange(2000)
print(x)
y = torch.arange(2000.0).reshape(40, 50)
print(y)
z = torch.arange(1001)
print(z)
w = torch.arange(1000)
print(w.shape)
print(torch.zeros(3, 500, dtype=torch.int32))
