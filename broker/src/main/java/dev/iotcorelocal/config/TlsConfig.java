package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

import static dev.iotcorelocal.config.ConfigException.require;

/** Where the dev PKI lives and which extra names the generated server certificate carries. */
public record TlsConfig(@JsonProperty("certificates-dir") String certificatesDir,
                        @JsonProperty("extra-server-names") List<String> extraServerNames) {
    public TlsConfig {
        require(certificatesDir != null && !certificatesDir.isBlank(), "tls.certificates-dir must be a folder");
        extraServerNames = extraServerNames == null ? List.of() : List.copyOf(extraServerNames);
    }
}
