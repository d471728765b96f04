package dev.iotcorelocal.policy;

import java.util.List;

/** One policy version's document, parsed and compiled once into matchers. */
public final class CompiledPolicy {
    private final String name;
    private final String versionId;
    private final List<CompiledStatement> statements;
    private final List<String> warnings;

    private CompiledPolicy(String name, String versionId, List<CompiledStatement> statements, List<String> warnings) {
        this.name = name;
        this.versionId = versionId;
        this.statements = List.copyOf(statements);
        this.warnings = List.copyOf(warnings);
    }

    /** Compiles a document the registry accepted; throws {@link PolicyCompileException} naming what is wrong. */
    public static CompiledPolicy compile(String name, String versionId, String document) {
        PolicyParser parser = new PolicyParser(name, versionId);
        List<CompiledStatement> statements = parser.parse(document);
        return new CompiledPolicy(name, versionId, statements, parser.warnings());
    }

    public String name() {
        return name;
    }

    public String versionId() {
        return versionId;
    }

    /**
     * What is legal but probably not meant, one line each: a variable AWS IoT does not define
     * (with the documented name it resembles), {@code ${...}} in a policy without a Version.
     */
    public List<String> warnings() {
        return warnings;
    }

    List<CompiledStatement> statements() {
        return statements;
    }

    @Override
    public String toString() {
        return "policy '" + name + "' version " + versionId;
    }
}
