import torch
x = torch.tensor(4)
y = torch.tensor(3)
z = x.add_(y)
w = torch.add(x, y)
