import torch

print(torch.tensor([float('nan'), 1.0]))
print(torch.tensor([float('inf'), -float('inf'), 2.5]))
print(torch.tensor([-0.0, 0.0]))
print(torch.tensor(-0.0))
print(torch.tensor([1.0, 2.0]) / 0)
print(torch.tensor([0.0]) / 0)
x = torch.tensor([-0.0, 1.0, float('nan')])
print(x)
print(x == x)
print(torch.isnan(x))
print(torch.tensor([float('nan'), 1e10]))
print(torch.tensor([-1.0]) * 0)
