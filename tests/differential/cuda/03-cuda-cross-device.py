#! requires: cuda
# Copies between devices make a new storage on the other lane; asking for the device a
# tensor is already on returns the same object.
import torch

x = torch.arange(4.0)
g = x.cuda()
print(g, g.device)
h = g.to('cuda')
print(h is g)
g2 = x.to('cuda', torch.float64)
print(g2.dtype, g2.data_ptr() == g.data_ptr())
back = g.cpu()
print(back, back.device, back is x)
g.add_(1)
print(g, x)
y = torch.tensor([[1, 2], [3, 4]], device='cuda')
print(y)
z = torch.ones_like(x, device='cuda')
print(z)
torch.cuda.synchronize()
print(torch.cuda.memory_allocated())
