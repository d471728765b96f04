package dev.iotcorelocal.limits;

import dev.iotcorelocal.packet.ReasonCode;

/**
 * A limit a request broke, the reason code AWS answers with, and a human-readable detail. A
 * refusal that breaks no limit (authorization) has a null limit and its detail as the whole text.
 */
public record Violation(Limit limit, ReasonCode reasonCode, String detail) {

    /**
     * The text for a Reason String and the log, e.g. "Payload too large (140000 > 131072 bytes).";
     * a refusal that is no limit (an authorization denial) is its detail alone.
     */
    public String text() {
        if (limit == null) {
            return detail;
        }
        String d = limit.description();
        return Character.toUpperCase(d.charAt(0)) + d.substring(1) + " (" + detail + ").";
    }
}
