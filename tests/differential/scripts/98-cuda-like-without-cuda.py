#! requires: no-cuda
#! expects: AssertionError
# Without CUDA, *_like to a CUDA device fails once its arguments parse.
import torch

x = torch.arange(4.0)
y = torch.ones_like(x, device='cuda:0')
