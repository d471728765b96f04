package dev.iotcorelocal.protocol;

/** Client-to-server topic aliases of one connection (spec 3.3.2.3.4); they die with it. */
final class InboundTopicAliases {
    private final int maximum;
    private String[] topics; // allocated on first use: most clients never use aliases

    InboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    boolean inRange(int alias) {
        return alias >= 1 && alias <= maximum;
    }

    void set(int alias, String topic) {
        if (topics == null) {
            topics = new String[maximum + 1];
        }
        topics[alias] = topic;
    }

    /** The topic mapped to the alias, or null when the client never set it. */
    String get(int alias) {
        return topics == null ? null : topics[alias];
    }
}
