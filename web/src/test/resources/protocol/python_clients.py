"""Drives the Atlas with SPARQLWrapper and rdflib as researchers use them, with their defaults.

Usage: python3 python_clients.py http://localhost:8080
Exits with an assertion error naming the first client and format that fails.
"""
import sys
import warnings

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import Wrapper
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

warnings.simplefilter("ignore")  # SPARQLWrapper warns when it sends Accept: */* (JSON for a graph)

ATLAS = sys.argv[1].rstrip("/")
ENDPOINT = ATLAS + "/sparql"
GROKKING = rdflib.URIRef("https://w3id.org/physics-of-ai/id/phenomenon/grokking")
LABEL = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
SELECT = """SELECT ?p ?label WHERE {
  ?p a <https://w3id.org/physics-of-ai/atlas#Phenomenon> ;
     <http://www.w3.org/2004/02/skos/core#prefLabel> ?label
} ORDER BY ?label"""
ASK = "ASK { <%s> ?p ?o }" % GROKKING
CONSTRUCT = "CONSTRUCT { <%s> ?p ?o } WHERE { <%s> ?p ?o }" % (GROKKING, GROKKING)
DESCRIBE = "DESCRIBE <%s>" % GROKKING

checks = []


def check(condition, what):
    assert condition, what
    checks.append(what)


def wrapper(query, return_format=None):
    sparql = SPARQLWrapper(ENDPOINT)
    sparql.setQuery(query)
    if return_format is not None:
        sparql.setReturnFormat(return_format)
    return sparql.queryAndConvert()


def knows_grokking(graph, what):
    check(len(graph) > 0 and (GROKKING, LABEL, None) in graph, what + " holds grokking's label")


# SPARQLWrapper with its defaults: XML for every query form.
document = wrapper(SELECT)
check(str(GROKKING) in document.toxml(), "SPARQLWrapper SELECT, default format")
document = wrapper(ASK)
check(document.getElementsByTagName("boolean")[0].firstChild.data == "true", "SPARQLWrapper ASK, default format")
knows_grokking(wrapper(CONSTRUCT), "SPARQLWrapper CONSTRUCT, default format")
knows_grokking(wrapper(DESCRIBE), "SPARQLWrapper DESCRIBE, default format")

# SPARQLWrapper with every format it names.
rows = wrapper(SELECT, JSON)["results"]["bindings"]
check(any(row["p"]["value"] == str(GROKKING) for row in rows), "SPARQLWrapper SELECT as JSON")
check(str(GROKKING) in wrapper(SELECT, XML).toxml(), "SPARQLWrapper SELECT as XML")
check(str(GROKKING).encode() in wrapper(SELECT, CSV), "SPARQLWrapper SELECT as CSV")
check(str(GROKKING).encode() in wrapper(SELECT, TSV), "SPARQLWrapper SELECT as TSV")
check(wrapper(ASK, JSON)["boolean"] is True, "SPARQLWrapper ASK as JSON")
for query, form in ((CONSTRUCT, "CONSTRUCT"), (DESCRIBE, "DESCRIBE")):
    # Debian's SPARQLWrapper 1.8 offers JSON-LD only with the separate rdflib-jsonld package.
    for return_format in (XML, RDF, RDFXML) + ((JSONLD,) if JSONLD in Wrapper._allowedFormats else ()):
        knows_grokking(wrapper(query, return_format), "SPARQLWrapper %s as %s" % (form, return_format))
    for return_format, parser in ((TURTLE, "turtle"), (N3, "n3")):
        text = wrapper(query, return_format)
        check(b"PREFIX" not in text, "SPARQLWrapper %s as %s uses @prefix" % (form, return_format))
        knows_grokking(rdflib.Graph().parse(data=text, format=parser), "SPARQLWrapper %s as %s" % (form, return_format))
    # JSON for a graph is JSON-LD, which SPARQLWrapper hands over as an rdflib graph.
    knows_grokking(wrapper(query, JSON), "SPARQLWrapper %s as JSON (JSON-LD)" % form)

# rdflib reading Linked Data in every format it knows, with the Accept header it sends.
for resource in ("/id/phenomenon/grokking", "/ontology"):
    for parser in (None, "xml", "turtle", "n3", "nt", "json-ld"):
        graph = rdflib.Graph()
        graph.parse(ATLAS + resource, format=parser)
        check(len(graph) > 0, "rdflib Graph.parse(%s, format=%s)" % (resource, parser))
        if resource.startswith("/id/"):
            knows_grokking(graph, "rdflib Graph.parse(%s, format=%s)" % (resource, parser))

# rdflib's SPARQLStore with its defaults.
graph = rdflib.Graph(SPARQLStore(ENDPOINT))
check(GROKKING in [row.p for row in graph.query(SELECT)], "SPARQLStore SELECT")
check(graph.query(ASK).askAnswer is True, "SPARQLStore ASK")
knows_grokking(graph.query(CONSTRUCT).graph, "SPARQLStore CONSTRUCT")
knows_grokking(graph.query(DESCRIBE).graph, "SPARQLStore DESCRIBE")
check(len(list(graph.triples((GROKKING, LABEL, None)))) > 0, "SPARQLStore triples()")

print("%d checks passed" % len(checks))
