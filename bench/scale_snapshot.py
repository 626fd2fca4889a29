#!/usr/bin/env python3
"""Writes a snapshot of N treks made from the sample's 40 real Écrins treks: copy k of trek t
gets id 10_000_000 + k * 1_000_000 + t, its name suffixed with " (k)", its geometry shifted
north by k × 0.05°, everything else as in the sample. Deterministic. A stand-in until the
synthetic-instance generator of the scale work exists.

    bench/scale_snapshot.py N OUT_DIR
"""
import json
import shutil
import sys
from pathlib import Path

def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    sample = Path(__file__).resolve().parent.parent / "sample" / "snapshot"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(sample, out)
    treks = [t for t in json.loads((sample / "trek.json").read_text()) if t["id"] >= 900_000]
    made = []
    for n in range(count):
        k, t = divmod(n, len(treks))
        trek = json.loads(json.dumps(treks[t]))
        trek["id"] = 10_000_000 + k * 1_000_000 + trek["id"] % 1_000_000
        trek["name"] = {lang: f"{name} ({k})" for lang, name in trek["name"].items()}
        shift = k * 0.05
        trek["geometry"]["coordinates"] = [[x, y + shift] + rest for x, y, *rest in trek["geometry"]["coordinates"]]
        made.append(trek)
    (out / "trek.json").write_text("[\n" + ",\n".join(json.dumps(t, separators=(",", ":"), ensure_ascii=False) for t in made) + "\n]\n")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["counts"]["trek"] = len(made)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))

if __name__ == "__main__":
    main()
