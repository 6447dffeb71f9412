"""A run's curves, from the series API into pandas.

    python3 run_series.py [ATLAS_URL]

Finds the series the Atlas holds with SPARQL (metric key, run, point count), reads the longest one
as CSV into a DataFrame and summarises it: first and last step, lowest value and where it was.
"""
import io
import re
import sys
import urllib.request

import pandas as pd
from SPARQLWrapper import JSON, SPARQLWrapper

ATLAS = (sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080").rstrip("/")

QUERY = """
PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
SELECT ?series ?key ?run ?points WHERE {
  ?series a atlas:Series ;
          atlas:metricKey ?key ;
          atlas:run ?run ;
          atlas:pointCount ?points .
}
ORDER BY DESC(?points)
"""

sparql = SPARQLWrapper(ATLAS + "/sparql")
sparql.setQuery(QUERY)
sparql.setReturnFormat(JSON)
bindings = sparql.queryAndConvert()["results"]["bindings"]
if not bindings:
    sys.exit("The Atlas holds no series yet: import a run first (see docs/curves.md).")
found = pd.DataFrame([{name: cell["value"] for name, cell in b.items()} for b in bindings])
found["points"] = pd.to_numeric(found["points"])
print(found.head().to_string())

longest = found.iloc[0]
series_id = longest["series"].rsplit("/", 1)[1]  # the series is served at /api/series/{id}
with urllib.request.urlopen(ATLAS + "/api/series/" + series_id + "?format=csv") as response:
    text = response.read().decode("utf-8")
curve = pd.read_csv(io.StringIO(text))

print(curve.describe().to_string())
lowest = curve.loc[curve["value"].idxmin()]
print("%s of %s: steps %d to %d, lowest %g at step %d" % (
    longest["key"], longest["run"], curve["step"].iloc[0], curve["step"].iloc[-1], lowest["value"], lowest["step"]))

assert list(curve.columns) == ["step", "value", "wall_time"], list(curve.columns)
assert len(curve) == longest["points"], (len(curve), longest["points"])
assert curve["step"].is_monotonic_increasing
assert curve["value"].dtype.kind == "f"
assert not re.search(r"\d[eE][+-]?\d", text), "the CSV writes plain numbers, never an exponent"
