package dev.iotcorelocal.session;

import dev.iotcorelocal.message.Delivery;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Unacknowledged outbound QoS 1 deliveries by packet id: one owner thread, no boxing, nothing
 * allocated per message.
 *
 * <p>A packet id lives in slot {@code id & mask}, and an id is handed out only when its slot is
 * free, so a PUBACK finds its delivery with one array read. Ids are otherwise sequential, so
 * in-order acknowledgements leave the next id's slot free; an id stuck unacknowledged only makes
 * the ids that share its slot be skipped. The table doubles once half full (at most 65,536 slots),
 * which keeps that search short; a send sequence number per slot gives the resend order after a
 * reconnect.
 */
public final class InflightWindow {
    private static final int INITIAL_SLOTS = 16;
    private static final int MAX_SLOTS = 1 << 16;
    private static final int MAX_PACKET_ID = 65_535;
    private static final int LARGE_SLOTS = 1024;

    private int[] ids = new int[INITIAL_SLOTS];
    private long[] sequence = new long[INITIAL_SLOTS];
    private Delivery[] deliveries = new Delivery[INITIAL_SLOTS];
    private int size;
    private int lastPacketId;
    private long nextSequence;

    /** What a sweep does with one in-flight delivery. */
    @FunctionalInterface
    public interface Sweep {
        /** @return true to remove the delivery */
        boolean remove(int packetId, Delivery delivery);
    }

    public int size() {
        return size;
    }

    /**
     * The next packet id that is not in flight. The caller keeps fewer than 65,535 messages in
     * flight (the Receive Maximum's ceiling), so there always is one.
     */
    public int nextPacketId() {
        if (size >= MAX_PACKET_ID) {
            throw new IllegalStateException("all 65,535 packet ids are in flight");
        }
        if (size * 2 >= deliveries.length && deliveries.length < MAX_SLOTS) {
            grow();
        }
        int mask = deliveries.length - 1;
        do {
            lastPacketId = lastPacketId == MAX_PACKET_ID ? 1 : lastPacketId + 1;
        } while (deliveries[lastPacketId & mask] != null);
        return lastPacketId;
    }

    /** Records a delivery sent with an id from {@link #nextPacketId}. */
    public void put(int packetId, Delivery delivery) {
        int slot = packetId & (deliveries.length - 1);
        if (deliveries[slot] != null) {
            throw new IllegalStateException("packet id " + packetId + " is not free");
        }
        ids[slot] = packetId;
        sequence[slot] = nextSequence++;
        deliveries[slot] = delivery;
        size++;
    }

    /** Removes and returns the delivery with this packet id, or null when none is in flight. */
    public Delivery remove(int packetId) {
        int slot = packetId & (deliveries.length - 1);
        Delivery delivery = deliveries[slot];
        if (delivery == null || ids[slot] != packetId) {
            return null;
        }
        deliveries[slot] = null;
        if (--size == 0 && deliveries.length > LARGE_SLOTS) {
            shrink(); // a burst to a client with a large Receive Maximum is over: give its memory back
        }
        return delivery;
    }

    /** Visits every delivery in the order it was sent, removing those the sweep says to. */
    public void sweepInSendOrder(Sweep sweep) {
        for (int slot : occupiedSlotsInSendOrder()) {
            if (sweep.remove(ids[slot], deliveries[slot])) {
                deliveries[slot] = null;
                size--;
            }
        }
    }

    /** Runs at a reconnect only, so clarity wins over allocation here. */
    private Integer[] occupiedSlotsInSendOrder() {
        Integer[] slots = new Integer[size];
        for (int slot = 0, n = 0; slot < deliveries.length; slot++) {
            if (deliveries[slot] != null) {
                slots[n++] = slot;
            }
        }
        Arrays.sort(slots, Comparator.comparingLong(slot -> sequence[slot]));
        return slots;
    }

    private void shrink() {
        ids = new int[INITIAL_SLOTS];
        sequence = new long[INITIAL_SLOTS];
        deliveries = new Delivery[INITIAL_SLOTS];
    }

    private void grow() {
        int[] oldIds = ids;
        long[] oldSequence = sequence;
        Delivery[] oldDeliveries = deliveries;
        int slots = oldDeliveries.length * 2;
        ids = new int[slots];
        sequence = new long[slots];
        deliveries = new Delivery[slots];
        int mask = slots - 1;
        // Ids in distinct slots of the smaller table differ in its low bits, so they stay distinct here.
        for (int slot = 0; slot < oldDeliveries.length; slot++) {
            if (oldDeliveries[slot] != null) {
                int target = oldIds[slot] & mask;
                ids[target] = oldIds[slot];
                sequence[target] = oldSequence[slot];
                deliveries[target] = oldDeliveries[slot];
            }
        }
    }
}
