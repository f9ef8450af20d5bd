#! requires: no-cuda
#! expects: AssertionError
# Without CUDA, a factory asked for a CUDA tensor fails as Python does.
import torch

x = torch.arange(4.0)
y = torch.zeros(2, device='cuda')
