package org.physicsofai.atlas.trace;

/**
 * Why do we believe a node.
 *
 * @param node the claim, law (or any node) whose evidence to show
 * @param depth how many levels of evidence below it, 1 to {@value #MAX_DEPTH}
 * @param maxItems the tree stops growing after this many items, 1 to {@value #MAX_ITEMS}
 */
public record WhyRequest(String node, int depth, int maxItems) {

    public static final int DEFAULT_DEPTH = 3;
    public static final int MAX_DEPTH = 6;
    public static final int DEFAULT_MAX_ITEMS = 200;
    public static final int MAX_ITEMS = 1000;

    public WhyRequest {
        node = Requests.iri("claim", node);
        Requests.within("depth", depth, 1, MAX_DEPTH);
        Requests.within("maxItems", maxItems, 1, MAX_ITEMS);
    }

    public static WhyRequest of(String node) {
        return new WhyRequest(node, DEFAULT_DEPTH, DEFAULT_MAX_ITEMS);
    }
}
