package dev.iotcorelocal.policy;

/** One policy version's document, parsed and compiled once into matchers. */
public final class CompiledPolicy {
    private final String name;
    private final String versionId;

    private CompiledPolicy(String name, String versionId) {
        this.name = name;
        this.versionId = versionId;
    }

    /** Compiles a document the registry accepted; throws {@link PolicyCompileException} naming what is wrong. */
    public static CompiledPolicy compile(String name, String versionId, String document) {
        throw new UnsupportedOperationException("the policy engine is being written on branch policy-engine");
    }

    public String name() {
        return name;
    }

    public String versionId() {
        return versionId;
    }
}
