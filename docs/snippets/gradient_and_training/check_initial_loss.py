X, y, X_ho, y_ho, images_ho = load_split()
C, D = 10, X.shape[1]
rng = np.random.default_rng(0)

starts = {
    "W = 0": np.zeros((C, D)),
    "uniform +-1/sqrt(D) (nn.Linear's default)": rng.uniform(-1, 1, (C, D)) / np.sqrt(D),
    "normal, std 1": rng.normal(0.0, 1.0, (C, D)),
}
print(f"log C = log 10 = {np.log(C):.3f}")
for name, W in starts.items():
    Z = X @ W.T  # b = 0
    spread = Z.std(axis=1).mean()  # how far apart one image's logits are
    print(f"{name:42}: logit spread {spread:5.2f}, loss before training"
          f" {xentdocs.cross_entropy_loss(Z, y):6.3f}")
