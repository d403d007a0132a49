import numpy as np
from matplotlib.ticker import FuncFormatter

import xentdocs as xd
from xentdocs.plotting import PALETTE, new_figure, to_svg


def mse_figure(title, desc, xlabel, loss_label, grad_label, ce_label, se_label):
    """Loss and gradient size of cross entropy and of softmax + squared error against the lead d
    of the correct logit over the other nine (C = 10)."""
    C, y = 10, 0
    p = np.eye(C)[y]
    d = np.linspace(-12, 12, 241)
    ce, se, grad_ce, grad_se = [], [], [], []
    for v in d:
        z = np.zeros(C)
        z[y] = v
        q = xd.softmax(z)
        r = q - p
        ce.append(xd.cross_entropy_loss(z, y))
        se.append(r @ r)
        grad_ce.append(np.linalg.norm(xd.cross_entropy_loss_grad(z, y)))
        grad_se.append(np.linalg.norm(q * (2 * r - q @ (2 * r))))

    fig, (top, bottom) = new_figure(width=6.4, height=5.0, nrows=2, sharex=True)
    top.plot(d, ce, color=PALETTE[0], label=ce_label)
    top.plot(d, se, color=PALETTE[1], linestyle="--", label=se_label)
    top.set_ylabel(loss_label)
    top.set_ylim(0, 8)
    top.legend(loc="upper right", fontsize="small")
    bottom.semilogy(d, grad_ce, color=PALETTE[0])
    bottom.semilogy(d, grad_se, color=PALETTE[1], linestyle="--")
    bottom.set_ylabel(grad_label)
    bottom.set_xlabel(xlabel)
    bottom.set_ylim(1e-7, 3)
    # "1e-6" in plain text: mathtext's 10^{-6} draws U+2212, which the figure font lacks
    bottom.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"1e{round(np.log10(v))}"))
    return to_svg(fig, title=title, desc=desc)
