package dev.rampart.kql;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Serves the files {@code externaldata} names. The compiler reads them while compiling (the rows become
 * bind parameters of the statement), so the database never opens a file or a socket, and whoever
 * configures the compiler decides what may be read: a local folder, an allow-list of URLs, a cache.
 *
 * <p>The compiler parses the bytes itself according to the query's {@code with (format=...)} option
 * (csv, tsv, scsv, psv, txt, json/multijson), so every source gives the same rows for the same file.
 */
@FunctionalInterface
public interface ExternalDataSource {

    /**
     * The content behind {@code uri} (compressed content is not unpacked), or empty when this source
     * does not serve it, which the compiler reports as a diagnostic naming the URL.
     *
     * @throws IOException when the source serves the URI but cannot read it; reported with its message
     */
    Optional<byte[]> fetch(URI uri) throws IOException;

    /**
     * The sentence that ends the refusal of a URL this source does not serve: how an administrator can make it
     * available (the portal names its settings).
     */
    default String howToAllow(URI uri) {
        return "An administrator can put the file in the external-data folder or add this URL to the allow-list.";
    }

    /** The default: nothing is served, so a query never reaches the open internet unless the caller allows it. */
    ExternalDataSource NONE = uri -> Optional.empty();
}
