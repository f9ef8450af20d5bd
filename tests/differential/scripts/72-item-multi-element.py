import torch

x = torch.tensor([2.5])
print(x.item())
y = torch.tensor([[7]])
print(y.item())
z = torch.tensor([1, 2])
v = z.item()
