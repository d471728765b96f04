package dev.iotcorelocal.api;

/** One AWS operation: a request in, a response out, an {@link AwsException} for every refusal. */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request);
}
