package dev.iotcorelocal.rules.sql.function;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every SQL function the emulator runs, by lowercase name (AWS matches function names without
 * regard to case), and the names AWS has that the emulator refuses, with why.
 */
public final class FunctionRegistry {
    private static final FunctionRegistry INSTANCE = new FunctionRegistry();

    /** AWS functions that call other services: refused at compile time rather than silently Undefined. */
    private static final Map<String, String> REFUSED = Map.of(
            "aws_lambda", "it calls AWS Lambda, which the emulator does not run",
            "get_dynamodb", "it reads DynamoDB, which the emulator does not run",
            "get_secret", "it reads AWS Secrets Manager, which the emulator does not run",
            "get_thing_shadow", "it is not emulated yet (read the shadow with a rule on its /update/documents topic)",
            "get_registry_data", "it reads the thing registry, which rules cannot query in the emulator yet",
            "machinelearning_predict", "it calls Amazon Machine Learning, which the emulator does not run",
            "transform", "it is not emulated yet",
            "decode_proto", "Protobuf decoding is not emulated");

    private final Map<String, FunctionSpec> functions = new TreeMap<>();

    private FunctionRegistry() {
        MessageFunctions.register(this);
        StringFunctions.register(this);
        MathFunctions.register(this);
        ValueFunctions.register(this);
        TimeFunctions.register(this);
    }

    public static FunctionRegistry instance() {
        return INSTANCE;
    }

    void add(FunctionSpec spec) {
        if (functions.put(spec.name(), spec) != null) {
            throw new IllegalStateException("function registered twice: " + spec.name());
        }
    }

    /** The function called {@code name} (any case), or null. */
    public FunctionSpec find(String name) {
        return functions.get(name.toLowerCase(Locale.ROOT));
    }

    /** Why AWS's function {@code name} is refused, or null when it is not one of those. */
    public String refusal(String name) {
        return REFUSED.get(name.toLowerCase(Locale.ROOT));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(functions.keySet());
    }
}
