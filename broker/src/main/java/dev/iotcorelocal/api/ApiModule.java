package dev.iotcorelocal.api;

/**
 * A resource family of the HTTP APIs (things, certificates, the data plane, ...): registers a
 * handler per AWS operation it implements. The method and URI of each come from the operation
 * catalogue, so a module names operations, never paths:
 * <pre>{@code
 * public void register(RouteTable routes) {
 *     routes.on(ApiService.CONTROL, "DescribeThing", this::describeThing);
 * }
 * }</pre>
 * Every operation no module registers answers NotImplementedException.
 */
@FunctionalInterface
public interface ApiModule {
    void register(RouteTable routes);
}
