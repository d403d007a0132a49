import numpy as np

z = np.array([3.2, 5.1, -1.7])
q_cat = np.exp(z[0]) / np.exp(z).sum()
print(f"-log10 Q(cat) = {-np.log10(q_cat):.2f}   -ln Q(cat) = "
      f"{-np.log(q_cat):.2f}   ratio = ln 10 = {np.log(10):.4f}")
