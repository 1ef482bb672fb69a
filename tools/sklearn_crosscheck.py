#!/usr/bin/env python3
"""Outside cross-check of spark-radiomics' LASSO logistic regression with scikit-learn.

crosscheck DIR
    DIR is written by `radiomics train ... --export-crosscheck DIR` (CrossCheckExport): for every outer fold K,
    fold_K.csv holds the classifier's inputs before standardisation (after imputation, harmonisation and the
    selection filters fitted on that fold's training rows) for all rows, with role train/test; crosscheck.json holds
    the fold's tuned reg_param (lambda) and elastic_net_param (alpha).
    For each fold this script standardises with the training mean and the sample standard deviation (ddof=1, as
    Spark's StandardScaler), fits scikit-learn's LogisticRegression with the same lambda and alpha, predicts the
    test rows, averages probabilities per patient, and reports the pooled out-of-fold AUC next to ours.

    Penalty mapping. MLlib minimises   (1/n) sum_i logloss_i + lambda * (alpha ||w||_1 + (1 - alpha)/2 ||w||_2^2)
    on standardised features (intercept unpenalised); scikit-learn minimises
    C sum_i logloss_i + l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2. Dividing the latter by C n gives the former
    with C = 1 / (lambda n) and l1_ratio = alpha, n = number of training rows. The saga solver is used because
    liblinear penalises the intercept.

bench --x FILE --y FILE --rows N --cols P [--outer 5] [--inner 5] [--lambdas 20] [--solver liblinear|saga]
    Times scikit-learn's nested CV on a float64 little-endian row-major matrix: cross_val_predict over
    StratifiedKFold(outer) of GridSearchCV(StandardScaler + L1 LogisticRegression, C grid = 1/(lambda n_inner_train)
    for lambda log-spaced 1e-3..1, StratifiedKFold(inner), scoring roc_auc). Prints JSON with the wall time and AUC.

Prints one JSON object on stdout.
"""
import argparse
import csv
import json
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def read_fold(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        pats, ys, roles, xs = [], [], [], []
        for row in r:
            pats.append(row[0])
            ys.append(int(row[1]))
            roles.append(row[2])
            xs.append([float(v) for v in row[3:]])
    x = np.array(xs, dtype=float).reshape(len(xs), len(header) - 3)
    return header[3:], np.array(pats), np.array(ys), np.array(roles), x


def fit_predict(x_train, y_train, x_test, lam, alpha, tol, max_iter):
    mu = x_train.mean(axis=0)
    sd = x_train.std(axis=0, ddof=1) if len(x_train) > 1 else np.zeros(x_train.shape[1])
    safe = np.where(sd > 0, sd, 1.0)
    # Spark's StandardScaler maps a zero-variance feature to 0.
    z_train = np.where(sd > 0, (x_train - mu) / safe, 0.0)
    z_test = np.where(sd > 0, (x_test - mu) / safe, 0.0)
    n = len(y_train)
    c = 1.0 / (lam * n)
    if alpha >= 1.0:
        m = LogisticRegression(penalty="l1", C=c, solver="saga", tol=tol, max_iter=max_iter)
    elif alpha <= 0.0:
        m = LogisticRegression(penalty="l2", C=c, solver="saga", tol=tol, max_iter=max_iter)
    else:
        m = LogisticRegression(penalty="elasticnet", l1_ratio=alpha, C=c, solver="saga", tol=tol,
                               max_iter=max_iter)
    m.fit(z_train, y_train)
    return m.predict_proba(z_test)[:, 1], m


def crosscheck(d, tol, max_iter):
    with open(os.path.join(d, "crosscheck.json")) as f:
        meta = json.load(f)
    pooled_p, pooled_y, folds = [], [], []
    for fi in meta["folds"]:
        k = fi["fold"]
        names, pats, ys, roles, x = read_fold(os.path.join(d, "fold_%d.csv" % k))
        tr = roles == "train"
        te = roles == "test"
        p, m = fit_predict(x[tr], ys[tr], x[te], fi["reg_param"], fi["elastic_net_param"], tol, max_iter)
        by = {}
        for pat, pi, yi in zip(pats[te], p, ys[te]):
            by.setdefault(pat, [[], yi])[0].append(pi)
        fp = [float(np.mean(v[0])) for v in by.values()]
        fy = [int(v[1]) for v in by.values()]
        pooled_p += fp
        pooled_y += fy
        folds.append({"fold": k, "C": 1.0 / (fi["reg_param"] * int(tr.sum())), "n_train_rows": int(tr.sum()),
                      "features": len(names), "nonzero_sklearn": int(np.count_nonzero(m.coef_)),
                      "nonzero_ours": fi.get("nonzero_coefficients"),
                      "auc_sklearn": float(roc_auc_score(fy, fp)) if len(set(fy)) == 2 else None})
    auc = float(roc_auc_score(pooled_y, pooled_p))
    return {"mode": "crosscheck", "auc_sklearn": auc, "auc_ours": meta["auc_ours"],
            "auc_ours_refit": meta.get("auc_ours_refit"), "abs_difference": abs(auc - meta["auc_ours"]),
            "patients": len(pooled_y), "folds": folds}


def bench(a):
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_predict
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    x = np.fromfile(a.x, dtype="<f8").reshape(a.rows, a.cols)
    y = np.fromfile(a.y, dtype="<f8").astype(int)
    lambdas = np.logspace(-3, 0, a.lambdas)
    n_inner_train = a.rows * (a.outer - 1) / a.outer * (a.inner - 1) / a.inner
    grid = {"lr__C": list(1.0 / (lambdas * n_inner_train))}
    pipe = Pipeline([("sc", StandardScaler()),
                     ("lr", LogisticRegression(penalty="l1", solver=a.solver, tol=1e-6, max_iter=100))])
    inner = GridSearchCV(pipe, grid, scoring="roc_auc", cv=StratifiedKFold(a.inner, shuffle=True, random_state=1),
                         n_jobs=a.jobs)
    t0 = time.time()
    p = cross_val_predict(inner, x, y, cv=StratifiedKFold(a.outer, shuffle=True, random_state=2),
                          method="predict_proba")[:, 1]
    wall = time.time() - t0
    return {"mode": "bench", "rows": a.rows, "cols": a.cols, "outer": a.outer, "inner": a.inner,
            "lambdas": a.lambdas, "solver": a.solver, "n_jobs": a.jobs, "wall_seconds": wall,
            "auc": float(roc_auc_score(y, p))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("crosscheck")
    c.add_argument("dir")
    c.add_argument("--tol", type=float, default=1e-10)
    c.add_argument("--max-iter", type=int, default=100000)
    b = sub.add_parser("bench")
    b.add_argument("--x", required=True)
    b.add_argument("--y", required=True)
    b.add_argument("--rows", type=int, required=True)
    b.add_argument("--cols", type=int, required=True)
    b.add_argument("--outer", type=int, default=5)
    b.add_argument("--inner", type=int, default=5)
    b.add_argument("--lambdas", type=int, default=20)
    b.add_argument("--solver", default="liblinear")
    b.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)
    out = crosscheck(a.dir, a.tol, a.max_iter) if a.mode == "crosscheck" else bench(a)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
