"""Probability calibration of model margins: isotonic (piecewise linear, like sklearn) and Platt.
Both are exported as plain data so that the TypeScript engine applies exactly the same map."""
from __future__ import annotations

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression


class IsotonicCalibrator:
    method = "isotonic"
    #: probability floor and ceiling as a count of rows: 0 keeps sklearn's [0, 1]
    bound_rows = 0.0

    def fit(self, margin: np.ndarray, y: np.ndarray) -> "IsotonicCalibrator":
        eps = self.bound_rows / len(y)
        iso = IsotonicRegression(out_of_bounds="clip", y_min=eps, y_max=1.0 - eps, increasing=True)
        iso.fit(np.asarray(margin, dtype=np.float64), np.asarray(y, dtype=np.float64))
        self.x = np.asarray(iso.X_thresholds_, dtype=np.float64)
        self.y = np.asarray(iso.y_thresholds_, dtype=np.float64)
        return self

    def predict(self, margin: np.ndarray) -> np.ndarray:
        # np.interp clips outside [x0, xn] and interpolates linearly inside, as sklearn does
        return np.interp(np.asarray(margin, dtype=np.float64), self.x, self.y)

    def export(self) -> dict:
        return {"method": "isotonic", "x": self.x.tolist(), "y": self.y.tolist()}


class BoundedIsotonicCalibrator(IsotonicCalibrator):
    """Isotonic, with every step kept inside [0.5/n, 1 - 0.5/n]: an end bin whose rows all share one
    label no longer claims certainty (no probability of exactly 0 or 1)."""
    method = "isotonic-bounded"
    bound_rows = 0.5


class PlattCalibrator:
    method = "platt"

    def fit(self, margin: np.ndarray, y: np.ndarray) -> "PlattCalibrator":
        lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
        lr.fit(np.asarray(margin, dtype=np.float64).reshape(-1, 1), np.asarray(y).astype(int))
        self.a = float(lr.coef_[0, 0])
        self.b = float(lr.intercept_[0])
        return self

    def predict(self, margin: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.a * np.asarray(margin, dtype=np.float64) + self.b)))

    def export(self) -> dict:
        return {"method": self.method, "a": self.a, "b": self.b}


CALIBRATORS = {"isotonic": IsotonicCalibrator, "isotonic-bounded": BoundedIsotonicCalibrator, "platt": PlattCalibrator}


def cross_fitted(method: str, margin: np.ndarray, y: np.ndarray, fold_of: np.ndarray) -> np.ndarray:
    """Calibrated probabilities where each fold's calibrator was fitted on the other folds only."""
    out = np.empty(len(margin), dtype=np.float64)
    for k in np.unique(fold_of):
        test = fold_of == k
        cal = CALIBRATORS[method]().fit(margin[~test], y[~test])
        out[test] = cal.predict(margin[test])
    return out


def sigmoid(m: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(m, dtype=np.float64)))
