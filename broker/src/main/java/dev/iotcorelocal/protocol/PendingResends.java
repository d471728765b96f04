package dev.iotcorelocal.protocol;

import dev.iotcorelocal.message.Delivery;

/**
 * A resumed session's unacknowledged messages in their send order, re-sent a window at a time.
 * Exists only between a resume and the last re-send; event-loop confined.
 */
final class PendingResends {
    private final int[] ids;
    private final Delivery[] deliveries;
    private final int length;
    private int cursor;
    private int remaining;

    PendingResends(int[] ids, Delivery[] deliveries, int length) {
        this.ids = ids;
        this.deliveries = deliveries;
        this.length = length;
        this.remaining = length;
    }

    /** Still in flight and not re-sent yet. */
    int remaining() {
        return remaining;
    }

    /** The index of the next one to re-send, or -1; it then counts as re-sent. */
    int next() {
        while (cursor < length) {
            int index = cursor++;
            if (deliveries[index] != null) {
                remaining--;
                return index;
            }
        }
        return -1;
    }

    int id(int index) {
        return ids[index];
    }

    Delivery delivery(int index) {
        return deliveries[index];
    }

    /** The client acknowledged this id (it got the message before reconnecting): not re-sent. */
    void acknowledged(int packetId) {
        for (int i = cursor; i < length; i++) {
            if (ids[i] == packetId && deliveries[i] != null) {
                deliveries[i] = null;
                remaining--;
                return;
            }
        }
    }
}
