#! requires: no-cuda
#! expects: AssertionError
# Without CUDA, synchronize initialises CUDA first and fails; the statistics stay 0.
import torch

x = torch.arange(4.0)
print(torch.cuda.memory_allocated())
torch.cuda.synchronize()
