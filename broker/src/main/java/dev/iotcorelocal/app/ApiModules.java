package dev.iotcorelocal.app;

import dev.iotcorelocal.api.ApiModule;
import dev.iotcorelocal.api.RouteTable;

import java.util.List;

/**
 * The resource families the HTTP API serves. A new family is one class implementing
 * {@link ApiModule} plus one line in {@link BrokerAssembly}'s list; whatever no module serves
 * answers NotImplementedException naming the operation.
 */
final class ApiModules {
    private ApiModules() {
    }

    static RouteTable routes(List<ApiModule> modules) {
        RouteTable routes = new RouteTable();
        for (ApiModule module : modules) {
            module.register(routes);
        }
        return routes;
    }
}
