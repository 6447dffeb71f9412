package org.physicsofai.atlas.store.remote;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a remote SPARQL 1.1 server answers, and how to sign in to it.
 *
 * @param queryUrl the SPARQL 1.1 Protocol query endpoint
 * @param updateUrl the SPARQL 1.1 Protocol update endpoint
 * @param graphStoreUrl the Graph Store Protocol endpoint, or {@code null} to read graphs by query
 * @param user the HTTP basic user name, or {@code null} when the server needs none
 * @param password the HTTP basic password, or {@code null}
 */
public record RemoteSparqlEndpoints(
        String queryUrl, String updateUrl, String graphStoreUrl, String user, String password) {

    public RemoteSparqlEndpoints {
        queryUrl = requireHttp("query", queryUrl);
        updateUrl = requireHttp("update", updateUrl);
        graphStoreUrl = blank(graphStoreUrl) ? null : requireHttp("graph store", graphStoreUrl);
        user = blank(user) ? null : user;
        password = blank(password) ? null : password;
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException(
                    "The SPARQL server's user name and password go together: give both or" + " neither");
        }
    }

    /**
     * The endpoints of one dataset of Apache Jena Fuseki, e.g. {@code http://localhost:3030/atlas}: {@code /query},
     * {@code /update} and {@code /data}.
     */
    public static RemoteSparqlEndpoints fuseki(String datasetUrl, String user, String password) {
        String base = datasetUrl.endsWith("/") ? datasetUrl.substring(0, datasetUrl.length() - 1) : datasetUrl;
        return new RemoteSparqlEndpoints(base + "/query", base + "/update", base + "/data", user, password);
    }

    public boolean authenticated() {
        return user != null;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RemoteSparqlEndpoints[query=" + queryUrl + ", update=" + updateUrl + ", graphStore=" + graphStoreUrl
                + ", user=" + user + "]";
    }

    private static String requireHttp(String what, String url) {
        if (blank(url)) {
            throw new IllegalArgumentException("The SPARQL " + what + " endpoint URL is missing");
        }
        try {
            URI uri = new URI(url.strip());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "The SPARQL " + what + " endpoint must be an http:// or https:// URL: " + url);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The SPARQL " + what + " endpoint is not a URL: " + url + " (" + e.getReason() + ")", e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
