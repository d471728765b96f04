package dev.iotcorelocal.delivery;

import dev.iotcorelocal.message.Message;

import java.util.List;

/** Several services behind the router's one tap (shadows, rules): each sees every message, in order. */
public final class CompositeTap implements MessageTap {
    private final MessageTap[] taps;

    private CompositeTap(MessageTap[] taps) {
        this.taps = taps;
    }

    /** The taps as one; a single tap is returned as it is, so the common case adds no call. */
    public static MessageTap of(List<MessageTap> taps) {
        if (taps.isEmpty()) {
            return MessageTap.NONE;
        }
        return taps.size() == 1 ? taps.get(0) : new CompositeTap(taps.toArray(new MessageTap[0]));
    }

    @Override
    public void routed(Message message) {
        for (MessageTap tap : taps) {
            tap.routed(message);
        }
    }
}
