package dev.iotcorelocal.routing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A topic trie. Children sit in concurrent maps and each node's subscriptions in an array that
 * is replaced, never changed, so matching takes no lock; writers serialise on the index. The
 * cost of a match depends on the topic's depth and the matching filters, not on how many
 * unrelated subscriptions exist.
 */
public final class TrieSubscriptionIndex implements SubscriptionIndex {
    private static final Subscription[] NONE = new Subscription[0];

    private final Node root = new Node(null, null);
    private final boolean hashMatchesParent;
    private final AtomicInteger size = new AtomicInteger();
    private final Map<String, AtomicLong> shareTurns = new ConcurrentHashMap<>();

    /**
     * @param hashMatchesParent MQTT 5 says {@code a/#} matches {@code a}; AWS IoT Core says it does not
     */
    public TrieSubscriptionIndex(boolean hashMatchesParent) {
        this.hashMatchesParent = hashMatchesParent;
    }

    @Override
    public synchronized void add(Subscription subscription) {
        Node node = root;
        for (String level : levels(subscription.topicFilter().filter())) {
            Node child = node.children.get(level);
            if (child == null) {
                child = new Node(node, level);
                node.children.put(level, child);
            }
            node = child;
        }
        Subscription[] current = node.subscriptions;
        for (int i = 0; i < current.length; i++) {
            if (sameOwner(current[i], subscription)) {
                Subscription[] next = current.clone();
                next[i] = subscription;
                node.subscriptions = next;
                return;
            }
        }
        Subscription[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = subscription;
        node.subscriptions = next;
        size.incrementAndGet();
    }

    @Override
    public synchronized boolean remove(String clientId, TopicFilter filter) {
        Node node = root;
        for (String level : levels(filter.filter())) {
            node = node.children.get(level);
            if (node == null) {
                return false;
            }
        }
        Subscription[] current = node.subscriptions;
        for (int i = 0; i < current.length; i++) {
            Subscription s = current[i];
            if (s.clientId().equals(clientId) && s.topicFilter().equals(filter)) {
                Subscription[] next = new Subscription[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                node.subscriptions = next.length == 0 ? NONE : next;
                size.decrementAndGet();
                prune(node);
                return true;
            }
        }
        return false;
    }

    @Override
    public void match(String topic, Consumer<Subscription> consumer) {
        String[] levels = levels(topic);
        Matcher matcher = new Matcher(consumer, levels, !topic.isEmpty() && topic.charAt(0) == '$');
        matcher.walk(root, 0);
        matcher.emitSharedChoices();
    }

    @Override
    public int size() {
        return size.get();
    }

    private static boolean sameOwner(Subscription a, Subscription b) {
        return a.clientId().equals(b.clientId()) && a.topicFilter().equals(b.topicFilter());
    }

    private void prune(Node node) {
        while (node.parent != null && node.subscriptions.length == 0 && node.children.isEmpty()) {
            node.parent.children.remove(node.level, node);
            node = node.parent;
        }
    }

    static String[] levels(String topic) {
        return topic.split("/", -1);
    }

    private final class Matcher {
        private final Consumer<Subscription> consumer;
        private final String[] levels;
        private final boolean dollarTopic;
        private SharedChooser shared;

        Matcher(Consumer<Subscription> consumer, String[] levels, boolean dollarTopic) {
            this.consumer = consumer;
            this.levels = levels;
            this.dollarTopic = dollarTopic;
        }

        void walk(Node node, int depth) {
            if (depth == levels.length) {
                emit(node.subscriptions);
                if (hashMatchesParent) {
                    Node hash = node.children.get("#");
                    if (hash != null) {
                        emit(hash.subscriptions);
                    }
                }
                return;
            }
            // Spec 4.7.2: wildcards at the first level do not match topics starting with '$'.
            boolean wildcardsAllowed = depth > 0 || !dollarTopic;
            if (wildcardsAllowed) {
                Node hash = node.children.get("#");
                if (hash != null) {
                    emit(hash.subscriptions);
                }
                Node plus = node.children.get("+");
                if (plus != null) {
                    walk(plus, depth + 1);
                }
            }
            Node exact = node.children.get(levels[depth]);
            if (exact != null) {
                walk(exact, depth + 1);
            }
        }

        private void emit(Subscription[] subscriptions) {
            for (Subscription s : subscriptions) {
                if (s.topicFilter().isShared()) {
                    if (shared == null) {
                        shared = new SharedChooser(shareTurns);
                    }
                    shared.offer(s);
                } else {
                    consumer.accept(s);
                }
            }
        }

        void emitSharedChoices() {
            if (shared != null) {
                shared.emit(consumer);
            }
        }
    }

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>(4);
        volatile Subscription[] subscriptions = NONE;
        final Node parent;
        final String level;

        Node(Node parent, String level) {
            this.parent = parent;
            this.level = level;
        }
    }
}
