package dev.iotcorelocal.policy;

import java.util.List;

/**
 * What a request knows about its caller: the values of AWS IoT's policy variables and condition
 * keys. The engine asks by canonical name ({@link ContextKeys}); names in a policy document are
 * matched to them case-insensitively by the engine, so implementations may use a plain map.
 * Implementations are immutable and safe to read from any thread.
 */
public interface RequestContext {
    /** The value of a single-valued name, or null when it has none (the variable is unresolved). */
    String value(String canonicalName);

    /**
     * All values of a multi-valued name ({@code iot:ConnectAttributes}, certificate {@code .List}
     * keys): an empty list when the key is present with no values, null when it is absent.
     */
    List<String> values(String canonicalName);
}
