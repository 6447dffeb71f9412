#!/usr/bin/env python3
"""Modular addition with an embedding and an MLP decoder trained by AdamW, in NumPy only.

The setting of Liu et al. 2022 ("Towards understanding grokking: an effective theory of representation
learning"): each number a in 0..p-1 has a learned embedding E[a]; the pair (a, b) is represented by
E[a] + E[b] and an MLP decoder predicts (a + b) mod p. The embeddings and the decoder have their own AdamW
optimisers: the embeddings with learning rate --embedding-lr and no weight decay, the decoder with --lr and
--wd, the two controls of the phase diagram. Training is full batch on a fixed random fraction of the pairs.

Writes a CSV log with the columns step, train_loss, test_loss, train_acc, test_acc (every --log-every
steps) that the Atlas's CSV importer reads. The same arguments give the same file, byte for byte.
"""
import argparse
import os
import sys

# One BLAS thread per run: the matrices are small, and a sweep runs several cells side by side.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--p", type=int, default=23, help="modulus (default 23)")
    p.add_argument("--lr", type=float, default=1e-3, help="decoder learning rate (default 1e-3)")
    p.add_argument("--wd", type=float, default=1.0, help="decoder weight decay (default 1.0)")
    p.add_argument("--embedding-lr", type=float, default=1e-3, help="embedding learning rate (default 1e-3)")
    p.add_argument("--train-fraction", type=float, default=0.5, help="fraction of the pairs trained on")
    p.add_argument("--dim", type=int, default=32, help="embedding dimension")
    p.add_argument("--hidden", type=int, default=128, help="width of the decoder's two hidden layers")
    p.add_argument("--init-scale", type=float, default=1.0, help="factor on the decoder's initial weights")
    p.add_argument("--steps", type=int, default=5000, help="training steps (full batch)")
    p.add_argument("--log-every", type=int, default=20, help="log every N steps")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="CSV file to write")
    a = p.parse_args(argv)
    if a.p < 2 or a.steps < 1 or a.log_every < 1 or not 0 < a.train_fraction < 1:
        p.error("need --p >= 2, --steps >= 1, --log-every >= 1 and 0 < --train-fraction < 1")
    return a


class AdamW:
    """torch.optim.AdamW's update (decoupled weight decay), betas (0.9, 0.999), eps 1e-8."""

    def __init__(self, params, lr, wd):
        self.params, self.lr, self.wd, self.t = params, lr, wd, 0
        self.m = [np.zeros_like(x) for x in params]
        self.v = [np.zeros_like(x) for x in params]

    def step(self, grads):
        self.t += 1
        b1, b2 = 0.9, 0.999
        c1, c2 = 1 - b1**self.t, 1 - b2**self.t
        for x, g, m, v in zip(self.params, grads, self.m, self.v):
            x *= 1 - self.lr * self.wd
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            x -= self.lr * (m / c1) / (np.sqrt(v / c2) + 1e-8)


def main(argv):
    a = parse_args(argv)
    rng = np.random.default_rng(a.seed)
    p = a.p
    pairs = np.array([(i, j) for i in range(p) for j in range(p)])
    order = rng.permutation(len(pairs))
    n_train = max(1, int(round(a.train_fraction * len(pairs))))
    train, test = pairs[order[:n_train]], pairs[order[n_train:]]
    y_train, y_test = (train[:, 0] + train[:, 1]) % p, (test[:, 0] + test[:, 1]) % p

    def linear(n_in, n_out):
        return rng.normal(0, a.init_scale / np.sqrt(n_in), (n_in, n_out)), np.zeros(n_out)

    emb = rng.normal(0, 1, (p, a.dim))
    w1, b1 = linear(a.dim, a.hidden)
    w2, b2 = linear(a.hidden, a.hidden)
    w3, b3 = linear(a.hidden, p)
    decoder = [w1, b1, w2, b2, w3, b3]
    enc_opt = AdamW([emb], a.embedding_lr, 0.0)
    dec_opt = AdamW(decoder, a.lr, a.wd)

    eye = np.eye(p)
    onehot_train = eye[train[:, 0]] + eye[train[:, 1]]
    onehot_test = eye[test[:, 0]] + eye[test[:, 1]]

    def forward(onehot):
        h0 = onehot @ emb
        z1 = h0 @ w1 + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ w2 + b2
        h2 = np.maximum(z2, 0)
        logits = h2 @ w3 + b3
        return h0, z1, h1, z2, h2, logits

    def loss_acc(logits, y):
        s = logits - logits.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        return -logp[np.arange(len(y)), y].mean(), (logits.argmax(axis=1) == y).mean(), logp

    tmp = a.out + ".part"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("step,train_loss,test_loss,train_acc,test_acc\n")
        for step in range(a.steps + 1):
            h0, z1, h1, z2, h2, logits = forward(onehot_train)
            tr_loss, tr_acc, logp = loss_acc(logits, y_train)
            if step % a.log_every == 0 or step == a.steps:
                te_loss, te_acc, _ = loss_acc(forward(onehot_test)[-1], y_test) if len(test) else (0.0, 1.0, None)
                f.write("%d,%.6g,%.6g,%.6g,%.6g\n" % (step, tr_loss, te_loss, tr_acc, te_acc))
                f.flush()
            if step == a.steps:
                break
            g = np.exp(logp)
            g[np.arange(len(y_train)), y_train] -= 1
            g /= len(y_train)
            gw3, gb3 = h2.T @ g, g.sum(0)
            g2 = (g @ w3.T) * (z2 > 0)
            gw2, gb2 = h1.T @ g2, g2.sum(0)
            g1 = (g2 @ w2.T) * (z1 > 0)
            gw1, gb1 = h0.T @ g1, g1.sum(0)
            g0 = g1 @ w1.T
            gemb = onehot_train.T @ g0
            dec_opt.step([gw1, gb1, gw2, gb2, gw3, gb3])
            enc_opt.step([gemb])
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main(sys.argv[1:])
