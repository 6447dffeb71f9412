"""The Chinchilla fits the Atlas holds, from SPARQL into a pandas DataFrame, and their loss curves.

    python3 chinchilla_fits.py [ATLAS_URL] [OUTPUT_PNG]

Every law of the form L = E + A / N^alpha + B / D^beta with all five constants published becomes a
row; the plot shows each fit's loss along the compute-optimal line D = 20 N.
"""
import sys

import matplotlib

matplotlib.use("Agg")  # write a file; no display needed
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from SPARQLWrapper import JSON, SPARQLWrapper

ATLAS = (sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080").rstrip("/")
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else "chinchilla_fits.png"

QUERY = """
PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
PREFIX skos:  <http://www.w3.org/2004/02/skos/core#>
SELECT ?law ?label ?symbol ?value WHERE {
  ?law a atlas:Law ;
       atlas:formula ?formula ;
       skos:prefLabel ?label ;
       atlas:hasParameter ?parameter .
  ?parameter atlas:symbol ?symbol ;
             atlas:value ?value .
  FILTER (CONTAINS(?formula, "A / N^alpha + B / D^beta") && LANG(?label) = "en")
}
"""

sparql = SPARQLWrapper(ATLAS + "/sparql")
sparql.setQuery(QUERY)
sparql.setReturnFormat(JSON)
bindings = sparql.queryAndConvert()["results"]["bindings"]
rows = pd.DataFrame(
    [{name: cell["value"] for name, cell in binding.items()} for binding in bindings]
)
rows["value"] = pd.to_numeric(rows["value"])

# One row per law, one column per constant; fits that leave a constant out cannot be drawn.
fits = rows.pivot_table(index="label", columns="symbol", values="value").dropna()
fits = fits[["E", "A", "B", "alpha", "beta"]]
print(fits.to_string())

n = np.logspace(7, 12, 60)  # parameters
d = 20 * n  # training tokens at the compute-optimal ratio
figure, axes = plt.subplots(figsize=(7, 4.5))
for label, fit in fits.iterrows():
    loss = fit.E + fit.A / n**fit.alpha + fit.B / d**fit.beta
    assert np.all(np.diff(loss) < 0), "%s: loss must fall as the model grows" % label
    assert np.all(loss > fit.E), "%s: loss must stay above the irreducible loss" % label
    axes.plot(n, loss, label=label)
axes.set_xscale("log")
axes.set_xlabel("parameters N (tokens D = 20 N)")
axes.set_ylabel("loss L (nats per token)")
axes.legend(fontsize="small")
figure.tight_layout()
figure.savefig(OUTPUT)

assert len(fits) >= 2, "expected at least two complete Chinchilla fits, found %d" % len(fits)
print("%d fits plotted to %s" % (len(fits), OUTPUT))
