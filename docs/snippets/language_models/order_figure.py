import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from xentdocs.plotting import PALETTE, new_figure, to_svg


def order_figure(title, desc, xlabel, ylabel, train_label, heldout_label, uniform_label):
    """Perplexity of the counting model against its order, on training and held-out text."""
    orders = np.arange(9)
    ppl = perplexity_by_order(orders)
    best = int(np.argmin(ppl["heldout"]))

    fig, ax = new_figure(width=6.4, height=3.6)
    ax.plot(orders, ppl["train"], color=PALETTE[0], marker="o", label=train_label)
    ax.plot(orders, ppl["heldout"], color=PALETTE[1], marker="s", linestyle="--", label=heldout_label)
    ax.plot([best], [ppl["heldout"][best]], marker="o", markersize=13, fillstyle="none",
            color=PALETTE[1], linestyle="none")
    ax.axhline(V, color=PALETTE[2], linewidth=1, linestyle=":")
    ax.annotate(uniform_label.format(V=V), (orders[-1], V), xytext=(0, 4),
                textcoords="offset points", ha="right", va="bottom")
    ax.set_yscale("log")
    ticks = [1, 1.5, 2, 3, 5, 10, 20, 30]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([f"{t:g}" for t in ticks])
    ax.set_ylim(1, 40)
    ax.set_xticks(orders)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="center right")
    numbers = dict(V=V, best=best, best_ppl=f"{ppl['heldout'][best]:.2f}",
                   last_train=f"{ppl['train'][-1]:.2f}", last_heldout=f"{ppl['heldout'][-1]:.2f}",
                   last=orders[-1])
    return to_svg(fig, title=title.format(**numbers), desc=desc.format(**numbers))
