package dev.iotcorelocal.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Picks one member per matching share group for one message, round robin among the connected
 * members; a disconnected member with a kept session only when none is connected and the message
 * goes at QoS 1 (QoS 0 is never queued for an offline session, so it would be lost). The turn
 * counters belong to the index, one per group and filter, and go with the group's last member.
 */
final class SharedChooser {
    private final Map<String, AtomicLong> turns;
    private final Map<String, List<Subscription>> groups = new LinkedHashMap<>(2);

    SharedChooser(Map<String, AtomicLong> turns) {
        this.turns = turns;
    }

    void offer(Subscription s) {
        groups.computeIfAbsent(s.key(), k -> new ArrayList<>(4)).add(s);
    }

    void emit(Consumer<Subscription> consumer, MemberPresence presence, int messageQos) {
        for (Map.Entry<String, List<Subscription>> group : groups.entrySet()) {
            AtomicLong turn = turns.get(group.getKey()); // null only while the group is being removed
            Subscription chosen = choose(group.getValue(), turn == null ? 0 : turn.getAndIncrement(), presence,
                    messageQos, null);
            if (chosen != null) {
                consumer.accept(chosen);
            }
        }
    }

    /**
     * The member to get a message, scanning from the turn's member onwards; null when none can
     * take it. {@code excluded} names a client that is leaving the group.
     */
    static Subscription choose(List<Subscription> members, long turn, MemberPresence presence, int messageQos,
                               String excluded) {
        int n = members.size();
        int start = (int) Math.floorMod(turn, (long) n);
        Subscription offline = null;
        for (int k = 0; k < n; k++) {
            Subscription s = members.get((start + k) % n);
            if (s.clientId().equals(excluded)) {
                continue;
            }
            MemberPresence.Presence p = presence.of(s.clientId());
            if (p == MemberPresence.Presence.ONLINE) {
                return s;
            }
            if (offline == null && p == MemberPresence.Presence.OFFLINE && Math.min(messageQos, s.qos()) >= 1) {
                offline = s;
            }
        }
        return offline;
    }
}
