package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

import static dev.iotcorelocal.config.ConfigException.require;

/**
 * Authorization settings. {@code plainListenerPolicies}: the registered policies the plain
 * listener (no certificate) is evaluated against; empty allows everything there. Whether the
 * names exist is checked at start, once the registry is loaded.
 */
public record AuthConfig(@JsonProperty("plain-listener-policies") List<String> plainListenerPolicies) {
    public AuthConfig {
        plainListenerPolicies = plainListenerPolicies == null ? List.of() : List.copyOf(plainListenerPolicies);
        for (String name : plainListenerPolicies) {
            require(name.matches("[\\w+=,.@-]{1,128}"),
                    "auth.plain-listener-policies must hold policy names ([\\w+=,.@-]{1,128}), got '" + name + "'");
        }
    }

    public static AuthConfig allowAll() {
        return new AuthConfig(List.of());
    }
}
