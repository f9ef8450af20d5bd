import torch
w = torch.ones(3, requires_grad=True)
s = (w * 2).sin().sum()
