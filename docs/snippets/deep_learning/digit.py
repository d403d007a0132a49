import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()  # 1,797 digits of 8x8 pixels, shipped with sklearn
X = digits.data / 16    # grey levels 0..16 scaled to [0, 1], a row each
y = digits.target       # labels 0..9
i = 1708                # one of the last 100 images, never seen by the model

print(f"X: {X.shape}   classes: {np.unique(y)}")
print(f"x = X[{i}], label y = {y[i]}\n")
print(digits.images[i].astype(int))  # 8x8 grey levels: 0 white, 16 black
