package dev.iotcorelocal.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operation name to handler, and request to operation. Modules register while the broker starts;
 * the table is only read after that (published to the listener's threads by the channel's start).
 */
public final class RouteTable {
    /** A template's first segment when it is a label: such operations are candidates for every path. */
    private static final String ANY_FIRST_SEGMENT = "{";
    private final List<Operation> operations;
    /** Operations by service, method and literal first segment, so a request is matched against a handful, not 285. */
    private final Map<String, List<Operation>> candidates = new HashMap<>();
    private final Map<String, ApiHandler> handlers = new HashMap<>();
    private final Set<String> onIoThread = new HashSet<>();

    public RouteTable() {
        this.operations = new ArrayList<>();
        OperationCatalog.load().forEach(this::index);
    }

    private void index(Operation operation) {
        operations.add(operation);
        String first = operation.path().firstSegment();
        candidates.computeIfAbsent(candidateKey(operation.service(), operation.method(),
                first.startsWith("{") ? ANY_FIRST_SEGMENT : first), k -> new ArrayList<>()).add(operation);
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

    /**
     * Serves an operation on the listener's I/O thread instead of a worker, saving two thread
     * hand-offs per request. Only for handlers that are cheap and never block: no file or network
     * I/O, no key generation, no lock held across work (iot-data Publish: it routes the way an MQTT
     * event loop routes an MQTT PUBLISH).
     */
    public RouteTable onIoThread(ApiService service, String operation, ApiHandler handler) {
        on(service, operation, handler);
        onIoThread.add(key(service, operation));
        return this;
    }

    /** Serves an operation newer than the catalogue (AWS adds some to iot-data now and then). */
    public RouteTable add(ApiService service, String operation, String method, String uriTemplate, ApiHandler handler) {
        index(new Operation(service, operation, method, PathTemplate.parse(uriTemplate)));
        return on(service, operation, handler);
    }

    /** The handler of an operation, or null when no module serves it. */
    ApiHandler handler(Operation operation) {
        return handlers.get(key(operation.service(), operation.name()));
    }

    /** Whether the operation was registered with {@link #onIoThread}. */
    boolean runsOnIoThread(Operation operation) {
        return onIoThread.contains(key(operation.service(), operation.name()));
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
        for (List<Operation> list : candidateLists(service, method, rawSegments)) {
            for (Operation operation : list) {
                if (structurallyMatches(operation.path(), rawSegments)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<List<Operation>> candidateLists(ApiService service, String method, List<String> rawSegments) {
        String first = rawSegments.isEmpty() ? "" : rawSegments.get(0);
        return List.of(candidates.getOrDefault(candidateKey(service, method, first), List.of()),
                candidates.getOrDefault(candidateKey(service, method, ANY_FIRST_SEGMENT), List.of()));
    }

    private Match matchExactly(ApiService service, String method, List<String> rawSegments) {
        Operation best = null;
        for (List<Operation> list : candidateLists(service, method, rawSegments)) {
            best = bestOf(list, rawSegments, best);
        }
        return best == null ? null : new Match(best, best.path().match(rawSegments));
    }

    private static Operation bestOf(List<Operation> candidates, List<String> rawSegments, Operation bestSoFar) {
        Operation best = bestSoFar;
        for (Operation operation : candidates) {
            if (!structurallyMatches(operation.path(), rawSegments)) {
                continue;
            }
            if (best == null || moreSpecific(operation.path(), best.path())) {
                best = operation;
            }
        }
        return best;
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

    private static String candidateKey(ApiService service, String method, String firstSegment) {
        return service.name() + ' ' + method + ' ' + firstSegment;
    }

    private static String key(ApiService service, String operation) {
        return service.name() + ' ' + operation;
    }

    /** An operation and its decoded path labels. */
    record Match(Operation operation, Map<String, String> labels) {
    }
}
