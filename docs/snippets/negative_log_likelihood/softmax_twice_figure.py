import numpy as np
from matplotlib.ticker import FuncFormatter

import xentdocs as xd
from xentdocs.plotting import PALETTE, new_figure, to_svg


def softmax_twice_figure(title, desc, xlabel, loss_label, grad_label,
                         right_label, wrong_label, floor_label):
    """Loss and gradient size against the lead d of the correct logit (C = 10), both ways."""
    C, y = 10, 0
    d = np.linspace(-12, 12, 241)
    loss_right, loss_wrong, grad_right, grad_wrong = [], [], [], []
    for v in d:
        z = np.zeros(C)
        z[y] = v
        q = xd.softmax(z)
        g = xd.cross_entropy_loss_grad(q, y)  # d loss / d q, q taken as logits
        loss_right.append(xd.cross_entropy_loss(z, y))
        loss_wrong.append(xd.cross_entropy_loss(q, y))
        grad_right.append(np.linalg.norm(xd.cross_entropy_loss_grad(z, y)))
        grad_wrong.append(np.linalg.norm(q * (g - q @ g)))  # back through the extra softmax

    fig, (top, bottom) = new_figure(width=6.4, height=5.0, nrows=2, sharex=True)
    top.plot(d, loss_right, color=PALETTE[0], label=right_label)
    top.plot(d, loss_wrong, color=PALETTE[1], linestyle="--", label=wrong_label)
    top.axhline(np.log1p((C - 1) / np.e), color=PALETTE[7], linestyle=":", linewidth=1.2,
                label=floor_label)
    top.set_ylabel(loss_label)
    top.set_ylim(0, 8)
    top.legend(loc="upper right", fontsize="small")
    bottom.semilogy(d, grad_right, color=PALETTE[0])
    bottom.semilogy(d, grad_wrong, color=PALETTE[1], linestyle="--")
    bottom.set_ylabel(grad_label)
    bottom.set_xlabel(xlabel)
    bottom.set_ylim(1e-7, 3)
    # "1e-6" in plain text: mathtext's 10^{-6} draws U+2212, which the figure font lacks
    bottom.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"1e{round(np.log10(v))}"))
    return to_svg(fig, title=title, desc=desc)
