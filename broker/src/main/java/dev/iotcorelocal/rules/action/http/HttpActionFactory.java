package dev.iotcorelocal.rules.action.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code "http": {"url": "<template>", "confirmationUrl": ..., "headers": [{"key": "k", "value":
 * "<template>"}], "auth": ...}} (AWS's HttpAction). Topic rule destinations are not emulated, so
 * confirmationUrl is accepted and ignored, and any http or https URL is posted to. SigV4 auth and
 * batching are accepted and not applied (logged once per rule).
 */
final class HttpActionFactory implements ActionFactory {
    static final String NAME = "HttpAction";
    private static final Logger LOG = LoggerFactory.getLogger(HttpActionFactory.class);
    /** AWS's limits: a URL of at most 2000 characters, at most 100 headers. */
    private static final int MAX_URL = 2_000;
    private static final int MAX_HEADERS = 100;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client sets itself (the JDK client refuses them). */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private final Supplier<HttpClient> client;
    private final HttpActions.HttpTimeouts timeouts;

    HttpActionFactory(Supplier<HttpClient> client, HttpActions.HttpTimeouts timeouts) {
        this.client = client;
        this.timeouts = timeouts;
    }

    @Override
    public String key() {
        return "http";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = new ActionFields(key(), spec, environment);
        String url = fields.requiredString("url");
        if (url.length() > MAX_URL) {
            throw new InvalidActionException(fields.path("url") + " is longer than " + MAX_URL + " characters");
        }
        if (!url.contains("${")) {
            checkUrl(fields.path("url"), url);
        }
        fields.optionalString("confirmationUrl");
        List<HttpAction.Header> headers = headers(fields);
        if (fields.node("auth") != null || fields.optionalBoolean("enableBatching", false)) {
            LOG.warn("An http action to {} has auth or enableBatching: the emulator posts each message unsigned", url);
        }
        return new HttpAction(client, fields.template("url", url), headers, timeouts);
    }

    private static List<HttpAction.Header> headers(ActionFields fields) throws InvalidActionException {
        JsonNode list = fields.node("headers");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_HEADERS) {
            throw new InvalidActionException(fields.path("headers") + " must be a list of at most " + MAX_HEADERS
                    + " {\"key\": ..., \"value\": ...} objects");
        }
        List<HttpAction.Header> headers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            ActionFields header = new ActionFields(fields.path("headers[" + i + "]"), list.get(i), fields.environment());
            String key = header.requiredString("key");
            if (!TOKEN.matcher(key).matches()) {
                throw new InvalidActionException(header.path("key") + " '" + key + "' is not an HTTP header name");
            }
            if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
                throw new InvalidActionException(header.path("key") + " " + key + " is set by the HTTP client itself");
            }
            String value = header.optionalString("value");
            if (value == null) {
                throw new InvalidActionException(header.path("value") + " is required");
            }
            CompiledTemplate template = header.template("value", value);
            headers.add(new HttpAction.Header(key, template));
        }
        return headers;
    }

    static void checkUrl(String field, String url) throws InvalidActionException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidActionException(field + " must be an http or https URL with a host, not '" + url + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidActionException(field + " is not a URL: " + e.getMessage());
        }
    }
}
