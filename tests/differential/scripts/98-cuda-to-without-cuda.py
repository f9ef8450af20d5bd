#! requires: no-cuda
#! expects: AssertionError
# Without CUDA, a copy to the GPU fails as Python does; x is untouched.
import torch

x = torch.arange(4.0)
y = x.to('cuda', torch.float64)
