package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import java.net.URI;
import java.nio.file.Path;

/** AWS SDK for Java v2 clients as a user points them at iotcore-local: an endpoint override, any credentials. */
final class AwsClients {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret"));

    private AwsClients() {
    }

    static IotClient iot(IotCoreEndpoints broker) {
        return IotClient.builder().endpointOverride(broker.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /**
     * iot-data over HTTPS with a device's certificate (AWS's mutual-TLS data endpoint on 8443): the
     * certificate is the principal and its policies decide, where a SigV4 call is IAM's.
     */
    static IotDataPlaneClient data(IotCoreEndpoints broker, Path certificate, Path key) {
        try {
            KeyManager[] keys = Pem.keyManagers(certificate, key).getKeyManagers();
            TrustManager[] trust = Pem.trustManagers(broker.caCertificate()).getTrustManagers();
            URI https = URI.create(broker.apiEndpoint().toString().replaceFirst("^http:", "https:"));
            return IotDataPlaneClient.builder().endpointOverride(https).region(Region.US_EAST_1)
                    .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()
                            .tlsKeyManagersProvider(() -> keys).tlsTrustManagersProvider(() -> trust)).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the device's certificate " + certificate, e);
        }
    }

    static IotDataPlaneClient data(IotCoreEndpoints broker) {
        return IotDataPlaneClient.builder().endpointOverride(broker.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
    }
}
