import torch
x = torch.ones(3)
for i in range(2):
    x.add_(1)
