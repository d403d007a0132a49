import numpy as np
from sklearn.datasets import load_digits

import xentdocs as xd
from xentdocs.plotting import PALETTE, new_figure, to_svg


def mle_figure(title, desc, xlabel, loglik_label, ce_label, best_label):
    """log L(s) and the mean cross entropy of the models W = s * W0: peak and valley at one s."""
    X, y = load_digits(return_X_y=True)
    N, C = X.shape[0], 10
    Xb = np.hstack([X / 16.0, np.ones((N, 1))])
    W0, *_ = np.linalg.lstsq(Xb, np.eye(C)[y], rcond=None)
    Z0 = Xb @ W0
    s = np.round(np.arange(0.5, 60.01, 0.25), 2)
    log_lik = np.array([np.sum(xd.log_softmax(k * Z0, axis=1)[np.arange(N), y]) for k in s])
    P = np.eye(C)[y]
    mean_h = np.array([np.mean(xd.cross_entropy(P, xd.softmax(k * Z0, axis=1))) for k in s])
    i, j = np.argmax(log_lik), np.argmin(mean_h)

    fig, (top, bottom) = new_figure(width=6.4, height=4.6, nrows=2, sharex=True)
    top.plot(s, log_lik, color=PALETTE[0])
    top.plot([s[i]], [log_lik[i]], "o", color=PALETTE[0])
    top.set_ylabel(loglik_label)
    bottom.plot(s, mean_h, color=PALETTE[1])
    bottom.plot([s[j]], [mean_h[j]], "o", color=PALETTE[1])
    bottom.set_ylabel(ce_label)
    bottom.set_xlabel(xlabel)
    for ax in (top, bottom):
        ax.axvline(s[i], color=PALETTE[7], linestyle="--", linewidth=1)
    top.annotate(f"{best_label} s = {s[i]:g}", (s[i], log_lik[i]), xytext=(12, -28),
                 textcoords="offset points", fontsize="small")
    return to_svg(fig, title=title, desc=desc)
