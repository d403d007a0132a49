import mpmath
import numpy as np
from matplotlib.ticker import FuncFormatter

import xentdocs as xd
from xentdocs.plotting import PALETTE, new_figure, to_svg


def divergence_figure(title, desc, xlabel, loss_label, error_label, labels,
                      tiny_label, zero_label, bad_label):
    """Loss of z = [d, 0] (float32, class 0) and its relative error, for four ways of computing it.

    labels: names of (naive, textbook log-softmax, xentdocs, mpmath reference), in that order.
    A method that returns 0 gets a tick along the bottom edge, inf or nan one along the top edge.
    desc may name the breaking points found: {naive_inf}, {naive_zero}, {naive_nan},
    {textbook_zero} and {xentdocs_zero} (the d where that failure starts).
    """
    d = np.arange(-120.0, 120.01, 0.5)
    with mpmath.workdps(50):  # the exact loss log(1 + e^-d)
        ref = np.array([float(mpmath.log1p(mpmath.exp(-mpmath.mpf(v)))) for v in d])
    out = np.empty((3, d.size))
    with np.errstate(all="ignore"):  # the naive method is meant to fail here
        for i, v in enumerate(d):
            z = np.array([v, 0.0], dtype=np.float32)
            e = np.exp(z)
            out[0, i] = -np.log(e[0] / e.sum())
            m = z.max()
            out[1, i] = -((z[0] - m) - np.log(np.sum(np.exp(z - m))))
            out[2, i] = xd.cross_entropy_loss(z, 0)
        rel = np.abs(out - ref) / ref

    breaks = dict(naive_inf=d[np.isposinf(out[0]) & (d < 0)].max(),
                  naive_zero=d[out[0] == 0].min(),
                  naive_nan=d[np.isnan(out[0])].min(),
                  textbook_zero=d[out[1] == 0].min(),
                  xentdocs_zero=d[out[2] == 0].min())
    desc = desc.format(**{k: f"{v:g}" for k, v in breaks.items()})

    fig, (top, bottom) = new_figure(width=6.4, height=5.6, nrows=2, sharex=True)
    # Where the exact loss is below float32's smallest normal number, fewer digits are left.
    start = d[np.argmax(ref < np.finfo(np.float32).tiny)]
    for ax in (top, bottom):
        ax.axvspan(start, d[-1], color=PALETTE[7], alpha=0.16, linewidth=0,
                   label=tiny_label if ax is top else None)
    top.semilogy(d, ref, color=PALETTE[7], linewidth=6, alpha=0.5, label=labels[3])
    styles = [dict(color=PALETTE[3], linestyle="-", linewidth=1.6),
              dict(color=PALETTE[1], linestyle="--", linewidth=1.8),
              dict(color=PALETTE[0], linestyle=":", linewidth=2.2)]
    edge = top.get_xaxis_transform()  # x in data units, y in axes units (0 bottom, 1 top)
    for k in range(3):
        good = np.isfinite(out[k]) & (out[k] > 0)
        x = np.where(good, d, np.nan)
        top.semilogy(x, np.where(good, out[k], np.nan), label=labels[k], **styles[k])
        # an exact result (error 0) is drawn on the bottom edge of the error panel
        bottom.semilogy(x, np.where(good, np.maximum(rel[k], 1e-9), np.nan), **styles[k])
        # 0, inf and nan have no place on a log axis: a row of ticks per method along the edges
        zero, bad = out[k] == 0, ~np.isfinite(out[k])
        top.plot(d[zero], np.full(zero.sum(), 0.02 + 0.035 * k), "|", color=styles[k]["color"],
                 markersize=5, transform=edge)
        top.plot(d[bad], np.full(bad.sum(), 0.98 - 0.035 * k), "|", color=styles[k]["color"],
                 markersize=5, transform=edge)
    top.text(0.02, 0.1, zero_label, transform=top.transAxes, fontsize="small", va="bottom")
    top.text(0.98, 0.88, bad_label, transform=top.transAxes, fontsize="small",
             va="top", ha="right")
    top.set_ylim(1e-55, 1e5)
    top.set_ylabel(loss_label)
    top.legend(loc="center left", fontsize="small")
    eps = np.finfo(np.float32).eps
    bottom.set_ylim(1e-9, 3)
    bottom.axhline(eps, color=PALETTE[7], linestyle="-", linewidth=0.8)
    bottom.text(-118, eps * 1.8, "float32 eps", fontsize="small")
    bottom.set_ylabel(error_label)
    bottom.set_xlabel(xlabel)
    plain = FuncFormatter(lambda v, _: f"1e{round(np.log10(v))}")  # mathtext would need U+2212
    for ax in (top, bottom):
        ax.yaxis.set_major_formatter(plain)
    return to_svg(fig, title=title, desc=desc)
