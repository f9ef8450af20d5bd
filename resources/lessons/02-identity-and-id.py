#> id() tells objects apart: the tutorial's second program.
import torch
x = torch.tensor(4)
y = torch.tensor(3)

#> In place: z = x.add_(y) binds z to x itself, so the ids are equal.
z = x.add_(y)
print("same object after add_:", id(z) == id(x), z is x)

#> Out of place: torch.add returns a new object in a new storage.
z = torch.add(x, y)
print("same object after add:", id(z) == id(x), z is x)

#> Plain assignment never copies: it only adds a name.
alias = x
print("alias is x:", alias is x)
