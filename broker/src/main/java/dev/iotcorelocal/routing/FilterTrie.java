package dev.iotcorelocal.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values keyed by topic filter (rules' FROM clauses), matched against topics with the broker's
 * semantics: {@code +} and {@code #}, no leading wildcard over a {@code $} topic, and {@code a/#}
 * matching {@code a} only when the broker is configured so. Immutable once built, so any thread
 * matches without a lock; a change builds a new trie.
 *
 * <p>Most topics match no filter (rules watch a few topics among all a fleet publishes), and
 * this is asked on every routed message, so a miss must cost next to nothing: unless a filter
 * starts with a wildcard, the topic's first level is hashed in place and looked up in a bitmap of
 * the filters' first levels, without splitting the topic or touching a thread-local. Only a
 * topic that passes walks the trie.
 */
public final class FilterTrie<T> {
    private final Node<T> root;
    private final boolean hashMatchesParent;
    private final FirstLevels firstLevels;

    private FilterTrie(Node<T> root, boolean hashMatchesParent) {
        this.root = root;
        this.hashMatchesParent = hashMatchesParent;
        this.firstLevels = root.hash == null && root.plus == null ? FirstLevels.of(root.children.keySet()) : null;
    }

    /** @param entries filter to value; filters must be valid ({@link TopicFilter#parse}) and not shared */
    public static <T> FilterTrie<T> of(List<Map.Entry<String, T>> entries, boolean hashMatchesParent) {
        Node<T> root = new Node<>();
        for (Map.Entry<String, T> entry : entries) {
            Node<T> node = root;
            for (String level : TopicLevels.split(entry.getKey())) {
                node = node.child(level);
            }
            node.values.add(entry.getValue());
        }
        return new FilterTrie<>(root, hashMatchesParent);
    }

    public boolean isEmpty() {
        return root.isLeafless();
    }

    /**
     * The values whose filter matches the topic, in no particular order (a value added under two
     * matching filters comes twice). Allocates nothing when none matches.
     */
    public List<T> match(String topic) {
        if (root.isLeafless() || firstLevels != null && !firstLevels.mayContainFirstLevelOf(topic)) {
            return List.of();
        }
        List<T> found = walk(root, TopicLevels.of(topic), 0, !topic.isEmpty() && topic.charAt(0) == '$', null);
        return found == null ? List.of() : found;
    }

    private List<T> walk(Node<T> node, String[] levels, int depth, boolean dollarTopic, List<T> found) {
        if (depth == levels.length) {
            found = emit(node, found);
            if (hashMatchesParent && node.hash != null) {
                found = emit(node.hash, found);
            }
            return found;
        }
        if (depth > 0 || !dollarTopic) { // spec 4.7.2
            if (node.hash != null) {
                found = emit(node.hash, found);
            }
            if (node.plus != null) {
                found = walk(node.plus, levels, depth + 1, dollarTopic, found);
            }
        }
        if (node.children.isEmpty()) {
            return found;
        }
        Node<T> exact = node.children.get(levels[depth]);
        return exact == null ? found : walk(exact, levels, depth + 1, dollarTopic, found);
    }

    private static <T> List<T> emit(Node<T> node, List<T> found) {
        if (node.values.isEmpty()) {
            return found;
        }
        List<T> result = found == null ? new ArrayList<>(2) : found;
        result.addAll(node.values);
        return result;
    }

    /** The wildcard children are fields, not map entries: every message checks them at every level it walks. */
    private static final class Node<T> {
        final Map<String, Node<T>> children = new HashMap<>();
        final List<T> values = new ArrayList<>(1);
        Node<T> hash;
        Node<T> plus;

        Node<T> child(String level) {
            if (level.equals("#")) {
                return hash == null ? (hash = new Node<>()) : hash;
            }
            if (level.equals("+")) {
                return plus == null ? (plus = new Node<>()) : plus;
            }
            return children.computeIfAbsent(level, l -> new Node<>());
        }

        boolean isLeafless() {
            return children.isEmpty() && hash == null && plus == null;
        }
    }
}
