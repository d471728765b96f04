package dev.iotcorelocal.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Operation name to handler, and request to operation. Modules register while the broker starts;
 * the table is only read after that (published to the listener's threads by the channel's start).
 */
public final class RouteTable {
    private final List<Operation> operations;
    private final Map<String, ApiHandler> handlers = new HashMap<>();

    public RouteTable() {
        this.operations = new ArrayList<>(OperationCatalog.load());
    }

    /**
     * Serves an operation of the catalogue.
     * @throws IllegalArgumentException if the service has no such operation or it is served already
     */
    public RouteTable on(ApiService service, String operation, ApiHandler handler) {
        if (operations.stream().noneMatch(o -> o.service() == service && o.name().equals(operation))) {
            throw new IllegalArgumentException(service.cliName() + " has no operation " + operation);
        }
        if (handlers.putIfAbsent(key(service, operation), handler) != null) {
            throw new IllegalArgumentException(service.cliName() + " " + operation + " is served twice");
        }
        return this;
    }

    /** Serves an operation newer than the catalogue (AWS adds some to iot-data now and then). */
    public RouteTable add(ApiService service, String operation, String method, String uriTemplate, ApiHandler handler) {
        operations.add(new Operation(service, operation, method, PathTemplate.parse(uriTemplate)));
        return on(service, operation, handler);
    }

    /** The handler of an operation, or null when no module serves it. */
    ApiHandler handler(Operation operation) {
        return handlers.get(key(operation.service(), operation.name()));
    }

    /** The best-matching operation of the service, or null when none has this method and path. */
    Match match(ApiService service, String method, List<String> rawSegments) {
        Match match = matchExactly(service, method, rawSegments);
        if (match != null) {
            return match;
        }
        // Only ListAuthorizers and ListCertificateProviders end in '/': accept them with or without it.
        List<String> toggled = new ArrayList<>(rawSegments);
        if (!toggled.isEmpty() && toggled.get(toggled.size() - 1).isEmpty()) {
            toggled.remove(toggled.size() - 1);
        } else {
            toggled.add("");
        }
        return matchExactly(service, method, toggled);
    }

    /** Whether an operation of the service has this method and path. */
    boolean has(ApiService service, String method, List<String> rawSegments) {
        for (Operation operation : operations) {
            if (operation.service() == service && operation.method().equals(method)
                    && structurallyMatches(operation.path(), rawSegments)) {
                return true;
            }
        }
        return false;
    }

    private Match matchExactly(ApiService service, String method, List<String> rawSegments) {
        Operation best = null;
        for (Operation operation : operations) {
            if (operation.service() != service || !operation.method().equals(method)
                    || !structurallyMatches(operation.path(), rawSegments)) {
                continue;
            }
            if (best == null || moreSpecific(operation.path(), best.path())) {
                best = operation;
            }
        }
        return best == null ? null : new Match(best, best.path().match(rawSegments));
    }

    /** Matching without decoding, so a bad escape in an unrelated template's label cannot fail the request. */
    private static boolean structurallyMatches(PathTemplate template, List<String> rawSegments) {
        try {
            return template.match(rawSegments) != null;
        } catch (AwsException badEncoding) {
            return true; // it matches; the decoding error is reported when the winner is decoded
        }
    }

    private static boolean moreSpecific(PathTemplate a, PathTemplate b) {
        for (int i = 0; i < Math.max(a.length(), b.length()); i++) {
            int difference = a.specificity(i) - b.specificity(i);
            if (difference != 0) {
                return difference > 0;
            }
        }
        return false;
    }

    private static String key(ApiService service, String operation) {
        return service.name() + ' ' + operation;
    }

    /** An operation and its decoded path labels. */
    record Match(Operation operation, Map<String, String> labels) {
    }
}
