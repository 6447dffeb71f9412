"""An entity and the ontology, loaded into rdflib as Linked Data, and read together.

    python3 entity_and_ontology.py [ATLAS_URL]

Loads grokking's description and the ontology into one graph and prints what kind of thing grokking
is, by the ontology's label for its class, with the labels and sources the Atlas gives it.
"""
import sys

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

ATLAS = (sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080").rstrip("/")
AT = rdflib.Namespace("https://w3id.org/physics-of-ai/atlas#")
GROKKING = rdflib.URIRef("https://w3id.org/physics-of-ai/id/phenomenon/grokking")

graph = rdflib.Graph()
graph.parse(ATLAS + "/id/phenomenon/grokking", format="turtle")  # the IRI resolves here, at /id/...
graph.parse(ATLAS + "/ontology", format="turtle")

kinds = [graph.value(kind, RDFS.label) for kind in graph.objects(GROKKING, RDF.type)]
labels = {label.language: str(label) for label in graph.objects(GROKKING, SKOS.prefLabel)}
sources = list(graph.objects(GROKKING, AT.source))
print("grokking is a", ", ".join(str(k) for k in kinds if k is not None))
print("labels:", labels)
print("sources:", len(sources))

assert any(str(kind) == "Phenomenon" for kind in kinds), kinds
assert labels.get("en") == "grokking" and "zh" in labels, labels
assert (AT.Phenomenon, RDF.type, rdflib.OWL.Class) in graph
print("%d statements read" % len(graph))
