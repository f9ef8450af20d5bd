#! requires: no-cuda
#! expects: AssertionError
# Without CUDA, Tensor.cuda() fails as Python does.
import torch

x = torch.arange(4.0)
y = x.cuda()
