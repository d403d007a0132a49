import numpy as np

gamma = 2.0
print("Q(y)   cross entropy   (1 - Q(y))^gamma   focal loss")
for q in (0.99, 0.9, 0.5, 0.1):
    ce = -np.log(q)
    factor = (1 - q) ** gamma
    print(f"{q:4.2f}   {ce:13.4f}   {factor:16.2e}   {factor * ce:10.2e}")
