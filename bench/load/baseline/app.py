"""Baseline for the load test: FastAPI + uvicorn serving a scikit-learn HistGradientBoostingClassifier
trained on the same CSV, with the same /predict contract as Kiln (a JSON array of records keyed by feature)."""
import csv
import sys

import numpy as np
import uvicorn
from fastapi import FastAPI, Request
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

NUMERIC = ["tenure_months", "monthly_charges", "support_calls"]
CATEGORICAL = ["contract", "payment_method"]


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows, np.array([r["churned"] == "yes" for r in rows])


def matrix(records):
    numeric = np.array([[np.nan if r[c] in ("", None) else float(r[c]) for c in NUMERIC] for r in records], dtype=float)
    categorical = np.array([[r[c] for c in CATEGORICAL] for r in records], dtype=object)
    return np.concatenate([numeric, categorical], axis=1)


rows, labels = load(sys.argv[1])
model = make_pipeline(
    ColumnTransformer([
        ("num", "passthrough", list(range(len(NUMERIC)))),
        ("cat", OneHotEncoder(handle_unknown="ignore"), list(range(len(NUMERIC), len(NUMERIC) + len(CATEGORICAL)))),
    ]),
    HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=8, random_state=7),
)
model.fit(matrix(rows), labels)
app = FastAPI()


@app.post("/predict")
async def predict(request: Request):
    records = await request.json()
    probabilities = model.predict_proba(matrix(records))[:, 1]
    return [{"label": bool(p >= 0.5), "probability": float(p), "model": "churn", "version": "1"} for p in probabilities]


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
