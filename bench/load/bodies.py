"""Writes /predict bodies (predict-1.json, predict-100.json) from the first rows of a features CSV.

    python3 bodies.py data/03-features/features.json data/03-features/test.csv OUT_DIR
"""
import csv
import json
import os
import sys

with open(sys.argv[1]) as f:
    features = json.load(f)["features"]
with open(sys.argv[2], newline="") as f:
    rows = [row for _, row in zip(range(100), csv.DictReader(f))]


def record(row):
    # The service takes numbers as JSON numbers, a missing number as null and categories as strings, as the CSV has them.
    return {f["name"]: (None if row[f["name"]] == "" else float(row[f["name"]])) if f["kind"] == "numeric" else row[f["name"]]
            for f in features}


os.makedirs(sys.argv[3], exist_ok=True)
for count in (1, 100):
    with open(os.path.join(sys.argv[3], f"predict-{count}.json"), "w") as f:
        json.dump([record(r) for r in rows[:count]], f, separators=(",", ":"))
