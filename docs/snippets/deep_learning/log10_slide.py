import numpy as np

q_cat = np.exp(3.2) / np.exp([3.2, 5.1, -1.7]).sum()
print(f"-log10 Q(cat) = {-np.log10(q_cat):.2f}   -ln Q(cat) = {-np.log(q_cat):.2f}   ratio = ln 10 = {np.log(10):.4f}")
