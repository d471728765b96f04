package dev.iotcorelocal.registry;

import dev.iotcorelocal.policy.CompiledPolicy;
import dev.iotcorelocal.policy.PolicyCompileException;

/**
 * CreatePolicy's checks on a document: at most 2048 characters not counting whitespace, and the
 * policy grammar, which lives with the engine that evaluates it ({@link CompiledPolicy#compile}),
 * so a document the registry accepts is one the engine can run. Refusals are
 * MalformedPolicyException naming what is wrong.
 */
public final class PolicyDocuments {
    public static final int MAX_CHARS_WITHOUT_WHITESPACE = 2048;

    private PolicyDocuments() {
    }

    public static void validate(String document) {
        if (document == null || document.isBlank()) {
            throw malformed("policyDocument is required");
        }
        long significant = document.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (significant > MAX_CHARS_WITHOUT_WHITESPACE) {
            throw malformed("the policy document has " + significant + " characters without whitespace; "
                    + "at most " + MAX_CHARS_WITHOUT_WHITESPACE + " are allowed");
        }
        try {
            CompiledPolicy.compile("validation", "0", document);
        } catch (PolicyCompileException e) {
            throw malformed(e.getMessage());
        }
    }

    private static RegistryRefusal malformed(String message) {
        return new RegistryRefusal(RegistryError.MALFORMED_POLICY, message);
    }
}
