#! requires: no-cuda
#! expects: AssertionError
# Without CUDA, torch.tensor reads its data first, then fails at the device.
import torch

x = torch.arange(4.0)
y = torch.tensor([[1, 2], [3, 4]], device='cuda')
