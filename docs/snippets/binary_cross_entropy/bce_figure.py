import numpy as np

import xentdocs
from xentdocs.plotting import PALETTE, new_figure, to_svg


def bce_figure(title, desc, xlabel, ylabel, target_label, minimum_label):
    """BCE-with-logits as a function of the logit z for targets 1, 0, 0.25."""
    z = np.linspace(-6, 6, 241)
    fig, ax = new_figure(width=6.4, height=3.6)
    styles = [(1.0, PALETTE[0], "-"), (0.0, PALETTE[1], "-"), (0.25, PALETTE[2], "--")]
    for y, color, linestyle in styles:
        loss = xentdocs.binary_cross_entropy_with_logits(z, np.full_like(z, y), reduction="none")
        ax.plot(z, loss, color=color, linestyle=linestyle, label=target_label.format(y=y))
    # A soft target's loss is smallest at z = log(y / (1 - y)), not at ±inf,
    # and the minimum is the entropy of the target, not 0.
    best = np.log(0.25 / 0.75)
    best_loss = float(xentdocs.binary_cross_entropy_with_logits([best], [0.25]))
    ax.plot([best], [best_loss], "o", color=PALETTE[2])
    # the label sits in the empty lower left, with an arrow to the minimum
    ax.annotate(minimum_label, xy=(best, best_loss), xytext=(-4.3, 0.3), ha="center",
                arrowprops={"arrowstyle": "->", "color": PALETTE[2]})  # text keeps the ink colour
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 6.5)
    ax.legend(loc="upper center")
    return to_svg(fig, title=title, desc=desc)
