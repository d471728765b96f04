package dev.iotcorelocal.api;

import java.util.Set;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/**
 * DescribeEndpoint: every endpoint type answers the one configured host (aws.endpoint-host,
 * default localhost), because MQTT, the data plane, jobs and credentials are all served here.
 * Like AWS it answers a host name only: devices add the port (MQTT over TLS 8883, HTTPS 8443).
 */
public final class EndpointApi implements ApiModule {
    private static final Set<String> TYPES = Set.of("iot:Data", "iot:Data-ATS", "iot:CredentialProvider", "iot:Jobs");
    private final String host;

    public EndpointApi(String host) {
        this.host = host;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "DescribeEndpoint", this::describe);
    }

    private ApiResponse describe(ApiRequest request) {
        String type = request.query("endpointType");
        if (type != null && !TYPES.contains(type)) {
            throw AwsException.invalidRequest("Endpoint type " + type + " is not valid; use one of "
                    + "iot:Data, iot:Data-ATS, iot:CredentialProvider, iot:Jobs");
        }
        return ApiResponse.json(new Endpoint(host));
    }

    record Endpoint(String endpointAddress) {
    }
}
