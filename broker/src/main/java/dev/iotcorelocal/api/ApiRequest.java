package dev.iotcorelocal.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as a handler sees it: the operation, decoded path labels and query parameters,
 * headers (names lower case), the raw body. The accessors validate and answer
 * InvalidRequestException, so handlers read typed members without parsing.
 *
 * @param region the SigV4 credential scope's region, or null for an unsigned request
 * @param clientCertificate the TLS client certificate, or null (plain HTTP, or none presented)
 */
public record ApiRequest(ApiService service, String operation, Map<String, String> pathLabels,
                         Map<String, List<String>> query, Map<String, String> headers, byte[] body,
                         String region, X509Certificate clientCertificate) {

    /** A path label; the catalogue guarantees it is present and non-empty. */
    public String path(String label) {
        String value = pathLabels.get(label);
        if (value == null) {
            throw new IllegalArgumentException(operation + " has no path label " + label);
        }
        return value;
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean queryBoolean(String name, boolean defaultValue) {
        String value = query(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AwsException.invalidRequest("Query parameter '" + name + "' must be true or false, was '"
                    + value + "'.");
        };
    }

    /** A whole-number query parameter within [min, max], or null when absent. */
    public Long queryLong(String name, long min, long max) {
        String value = query(name);
        if (value == null) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AwsException.invalidRequest("Query parameter '" + name + "' must be a whole number, was '" + value
                    + "'.");
        }
        if (number < min || number > max) {
            throw AwsException.invalidRequest("Query parameter '" + name + "' must be between " + min + " and " + max
                    + ", was " + number + ".");
        }
        return number;
    }

    /** A header by its name in any case, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public JsonNode json() {
        return Json.readTree(body);
    }

    /** The body bound to a request record; wrong types and failed validation answer InvalidRequestException. */
    public <T> T json(Class<T> type) {
        return Json.bind(json(), type);
    }
}
