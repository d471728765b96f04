package dev.iotcorelocal.rules.action;

import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.SqlParseException;

import java.net.URI;

/** What an action may use while it is built: the rule's template compiler and where AWS services are. */
public interface ActionEnvironment {
    /** Compiles a substitution template with the rule's SQL version. */
    CompiledTemplate template(String text) throws SqlParseException;

    /** {@code rules.aws-endpoint-url}, or null when unset: SDK actions then fail as not emulated. */
    URI awsEndpoint();

    /** The region SDK clients sign for (the broker's region). */
    String region();
}
