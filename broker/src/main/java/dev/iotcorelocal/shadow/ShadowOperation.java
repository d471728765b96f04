package dev.iotcorelocal.shadow;

/** The three shadow requests; the name is the topic level ({@code .../shadow/get}). */
public enum ShadowOperation {
    GET("get"), UPDATE("update"), DELETE("delete");

    private final String level;

    ShadowOperation(String level) {
        this.level = level;
    }

    public String level() {
        return level;
    }

    static ShadowOperation ofLevel(String level) {
        return switch (level) {
            case "get" -> GET;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            default -> null;
        };
    }
}
