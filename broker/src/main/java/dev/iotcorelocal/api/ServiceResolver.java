package dev.iotcorelocal.api;

import java.util.List;
import java.util.Locale;

/**
 * Which service a request is for. Signed requests name it in the SigV4 credential scope
 * ({@code Credential=AKID/20260101/us-east-1/iotdata/aws4_request}); unsigned ones (curl) by the
 * path, with the host prefix ({@code data-ats.}, {@code data.jobs.}) deciding the three paths
 * that iot and iot-jobs-data share.
 */
final class ServiceResolver {
    private ServiceResolver() {
    }

    /** The credential scope of an Authorization header or X-Amz-Credential parameter, or null. */
    static CredentialScope scope(String authorization, String credentialParameter) {
        String credential = credentialParameter;
        if (authorization != null) {
            int start = authorization.indexOf("Credential=");
            if (start >= 0) {
                int end = authorization.indexOf(',', start);
                credential = authorization.substring(start + "Credential=".length(),
                        end < 0 ? authorization.length() : end).trim();
            }
        }
        if (credential == null) {
            return null;
        }
        String[] parts = credential.split("/");
        // AKID/DATE/REGION/SERVICE/aws4_request; an access key ID never contains '/'
        if (parts.length != 5) {
            return null;
        }
        return new CredentialScope(parts[2], parts[3]);
    }

    static ApiService unsigned(RouteTable routes, String host, String method, List<String> rawSegments) {
        boolean control = routes.has(ApiService.CONTROL, method, rawSegments);
        boolean data = routes.has(ApiService.DATA, method, rawSegments);
        boolean jobs = routes.has(ApiService.JOBS, method, rawSegments);
        String prefix = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (jobs && (!control || prefix.startsWith("data.jobs."))) {
            return ApiService.JOBS;
        }
        if (data && (!control || prefix.startsWith("data-ats.") || prefix.startsWith("data."))) {
            return ApiService.DATA;
        }
        return ApiService.CONTROL;
    }

    record CredentialScope(String region, String service) {
    }
}
