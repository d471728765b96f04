package dev.iotcorelocal.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values keyed by topic filter (rules' FROM clauses), matched against topics with the broker's
 * semantics: {@code +} and {@code #}, no leading wildcard over a {@code $} topic, and {@code a/#}
 * matching {@code a} only when the broker is configured so. Immutable once built, so any thread
 * matches without a lock; a change builds a new trie. A topic that no filter's first level
 * matches costs one map lookup or two, however many filters there are.
 */
public final class FilterTrie<T> {
    private final Node<T> root;
    private final boolean hashMatchesParent;

    private FilterTrie(Node<T> root, boolean hashMatchesParent) {
        this.root = root;
        this.hashMatchesParent = hashMatchesParent;
    }

    /** @param entries filter to value; filters must be valid ({@link TopicFilter#parse}) and not shared */
    public static <T> FilterTrie<T> of(List<Map.Entry<String, T>> entries, boolean hashMatchesParent) {
        Node<T> root = new Node<>();
        for (Map.Entry<String, T> entry : entries) {
            Node<T> node = root;
            for (String level : TopicLevels.split(entry.getKey())) {
                node = node.children.computeIfAbsent(level, l -> new Node<>());
            }
            node.values.add(entry.getValue());
        }
        return new FilterTrie<>(root, hashMatchesParent);
    }

    public boolean isEmpty() {
        return root.children.isEmpty();
    }

    /**
     * The values whose filter matches the topic, in no particular order (a value added under two
     * matching filters comes twice). Allocates nothing when none matches.
     */
    public List<T> match(String topic) {
        if (root.children.isEmpty()) {
            return List.of();
        }
        List<T> found = walk(root, TopicLevels.of(topic), 0, !topic.isEmpty() && topic.charAt(0) == '$', null);
        return found == null ? List.of() : found;
    }

    private List<T> walk(Node<T> node, String[] levels, int depth, boolean dollarTopic, List<T> found) {
        if (depth == levels.length) {
            found = emit(node, found);
            if (hashMatchesParent) {
                Node<T> hash = node.children.get("#");
                if (hash != null) {
                    found = emit(hash, found);
                }
            }
            return found;
        }
        if (depth > 0 || !dollarTopic) { // spec 4.7.2
            Node<T> hash = node.children.get("#");
            if (hash != null) {
                found = emit(hash, found);
            }
            Node<T> plus = node.children.get("+");
            if (plus != null) {
                found = walk(plus, levels, depth + 1, dollarTopic, found);
            }
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

    private static final class Node<T> {
        final Map<String, Node<T>> children = new HashMap<>();
        final List<T> values = new ArrayList<>(1);
    }
}
