"""Baseline for the load test: FastAPI + uvicorn serving a scikit-learn gradient-boosted model of the same kind as
Kiln's (300 trees of at most 16 leaves, learning rate 0.05, one-hot categoricals) trained on the same features CSV,
with the same /predict contract (a JSON array of records keyed by feature; null for a missing number).

    /usr/bin/python3 app.py data/03-features/features.json data/03-features/train.csv 18080
"""
import csv
import json
import sys

import numpy as np
import uvicorn
from fastapi import FastAPI, Request
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

with open(sys.argv[1]) as f:
    schema = json.load(f)
NUMERIC = [f["name"] for f in schema["features"] if f["kind"] == "numeric"]
CATEGORICAL = [f["name"] for f in schema["features"] if f["kind"] == "categorical"]


def matrix(records):
    numeric = np.array([[np.nan if r[c] in ("", None) else float(r[c]) for c in NUMERIC] for r in records], dtype=float)
    categorical = np.array([[r[c] for c in CATEGORICAL] for r in records], dtype=object)
    return np.concatenate([numeric, categorical], axis=1)


with open(sys.argv[2], newline="") as f:
    rows = list(csv.DictReader(f))
labels = np.array([r[schema["label"]] == schema["positive"] for r in rows])
model = make_pipeline(
    ColumnTransformer([
        ("num", "passthrough", list(range(len(NUMERIC)))),
        ("cat", OneHotEncoder(handle_unknown="ignore"), list(range(len(NUMERIC), len(NUMERIC) + len(CATEGORICAL)))),
    ], sparse_threshold=0),
    HistGradientBoostingClassifier(max_iter=300, max_leaf_nodes=16, learning_rate=0.05, min_samples_leaf=20,
                                   early_stopping=False, random_state=1),
)
model.fit(matrix(rows), labels)
app = FastAPI()


@app.post("/predict")
async def predict(request: Request):
    records = await request.json()
    probabilities = model.predict_proba(matrix(records))[:, 1]
    return [{"label": bool(p >= 0.5), "probability": float(p), "model": "churn", "version": "1"} for p in probabilities]


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning")
