package dev.iotcorelocal.routing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A topic trie. Children sit in concurrent maps and each node's subscriptions in an array that
 * is replaced, never changed, so matching takes no lock; writers serialise on the index. The
 * cost of a match depends on the topic's depth and the matching filters, not on how many
 * unrelated subscriptions exist. Share-group state (the round-robin turn) exists only while the
 * group has members.
 */
public final class TrieSubscriptionIndex implements SubscriptionIndex {
    private static final Subscription[] NONE = new Subscription[0];

    private final Node root = new Node(null, null);
    private final boolean hashMatchesParent;
    private final AtomicInteger size = new AtomicInteger();
    private final Map<String, AtomicLong> shareTurns = new ConcurrentHashMap<>();
    /** Each share group's filter, parsed once when its first member joined: redelivery looks it up by key. */
    private final Map<String, TopicFilter> shareFilters = new ConcurrentHashMap<>();

    /**
     * @param hashMatchesParent MQTT 5 says {@code a/#} matches {@code a}; AWS IoT Core says it does not
     */
    public TrieSubscriptionIndex(boolean hashMatchesParent) {
        this.hashMatchesParent = hashMatchesParent;
    }

    @Override
    public synchronized void add(Subscription subscription) {
        Node node = root;
        for (String level : TopicLevels.split(subscription.topicFilter().filter())) {
            Node child = node.children.get(level);
            if (child == null) {
                child = new Node(node, level);
                node.children.put(level, child);
            }
            node = child;
        }
        boolean shared = subscription.topicFilter().isShared();
        Subscription[] current = shared ? node.shared : node.subscriptions;
        Subscription[] next = null;
        for (int i = 0; i < current.length; i++) {
            if (sameOwner(current[i], subscription)) {
                next = current.clone();
                next[i] = subscription;
                break;
            }
        }
        if (next == null) {
            next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = subscription;
            size.incrementAndGet();
            if (shared) {
                shareTurns.putIfAbsent(subscription.key(), new AtomicLong());
                shareFilters.putIfAbsent(subscription.key(), subscription.topicFilter());
            }
        }
        if (shared) {
            node.shared = next;
        } else {
            node.subscriptions = next;
        }
    }

    @Override
    public synchronized boolean remove(String clientId, TopicFilter filter) {
        Node node = root;
        for (String level : TopicLevels.split(filter.filter())) {
            node = node.children.get(level);
            if (node == null) {
                return false;
            }
        }
        boolean shared = filter.isShared();
        Subscription[] current = shared ? node.shared : node.subscriptions;
        for (int i = 0; i < current.length; i++) {
            Subscription s = current[i];
            if (s.clientId().equals(clientId) && s.topicFilter().equals(filter)) {
                Subscription[] next = new Subscription[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                if (shared) {
                    node.shared = next.length == 0 ? NONE : next;
                } else {
                    node.subscriptions = next.length == 0 ? NONE : next;
                }
                size.decrementAndGet();
                if (shared && !hasKey(next, s.key())) {
                    shareTurns.remove(s.key()); // the group's last member left: its state goes too
                    shareFilters.remove(s.key());
                }
                prune(node);
                return true;
            }
        }
        return false;
    }

    @Override
    public void match(String topic, Matches matches, MemberPresence presence, int messageQos) {
        walk(root, TopicLevels.of(topic), 0, !topic.isEmpty() && topic.charAt(0) == '$', matches);
        SharedChooser chooser = matches.takeSharedChooser();
        if (chooser != null) {
            chooser.emit(matches::addChosen, presence, messageQos);
        }
    }

    @Override
    public boolean hasSubscriber(String topic) {
        return anyMatch(root, TopicLevels.of(topic), 0, !topic.isEmpty() && topic.charAt(0) == '$');
    }

    /** {@link #walk}'s rules, stopping at the first node that holds a subscription. */
    private boolean anyMatch(Node node, String[] levels, int depth, boolean dollarTopic) {
        if (depth == levels.length) {
            return occupied(node) || hashMatchesParent && occupied(node.children.get("#"));
        }
        if (depth > 0 || !dollarTopic) {
            if (occupied(node.children.get("#"))) {
                return true;
            }
            Node plus = node.children.get("+");
            if (plus != null && anyMatch(plus, levels, depth + 1, dollarTopic)) {
                return true;
            }
        }
        Node exact = node.children.get(levels[depth]);
        return exact != null && anyMatch(exact, levels, depth + 1, dollarTopic);
    }

    private static boolean occupied(Node node) {
        return node != null && (node.subscriptions.length > 0 || node.shared.length > 0);
    }

    @Override
    public Subscription chooseShareMember(String shareKey, String excludedClientId, MemberPresence presence,
                                          int messageQos) {
        TopicFilter share = shareFilters.get(shareKey);
        return share == null ? null : chooseShareMember(share, excludedClientId, presence, messageQos);
    }

    @Override
    public Subscription chooseShareMember(TopicFilter share, String excludedClientId, MemberPresence presence,
                                          int messageQos) {
        Node node = root;
        for (String level : TopicLevels.split(share.filter())) {
            node = node.children.get(level);
            if (node == null) {
                return null;
            }
        }
        String key = share.key();
        java.util.List<Subscription> members = new java.util.ArrayList<>(4);
        for (Subscription s : node.shared) {
            if (s.key().equals(key)) {
                members.add(s);
            }
        }
        AtomicLong turn = shareTurns.get(key);
        return members.isEmpty() ? null
                : SharedChooser.choose(members, turn == null ? 0 : turn.getAndIncrement(), presence, messageQos,
                excludedClientId);
    }

    @Override
    public int size() {
        return size.get();
    }

    /** Share groups with state (a turn counter), for tests: one per group and filter with members. */
    public int shareGroupCount() {
        return shareTurns.size();
    }

    private static boolean hasKey(Subscription[] subscriptions, String key) {
        for (Subscription s : subscriptions) {
            if (s.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameOwner(Subscription a, Subscription b) {
        return a.clientId().equals(b.clientId()) && a.topicFilter().equals(b.topicFilter());
    }

    private void prune(Node node) {
        while (node.parent != null && node.subscriptions.length == 0 && node.shared.length == 0
                && node.children.isEmpty()) {
            node.parent.children.remove(node.level, node);
            node = node.parent;
        }
    }

    /** The walk keeps its state in parameters: a match allocates nothing here. */
    private void walk(Node node, String[] levels, int depth, boolean dollarTopic, Matches matches) {
        if (depth == levels.length) {
            emit(node, matches);
            if (hashMatchesParent) {
                Node hash = node.children.get("#");
                if (hash != null) {
                    emit(hash, matches);
                }
            }
            return;
        }
        // Spec 4.7.2: wildcards at the first level do not match topics starting with '$'.
        if (depth > 0 || !dollarTopic) {
            Node hash = node.children.get("#");
            if (hash != null) {
                emit(hash, matches);
            }
            Node plus = node.children.get("+");
            if (plus != null) {
                walk(plus, levels, depth + 1, dollarTopic, matches);
            }
        }
        Node exact = node.children.get(levels[depth]);
        if (exact != null) {
            walk(exact, levels, depth + 1, dollarTopic, matches);
        }
    }

    private void emit(Node node, Matches matches) {
        Subscription[] plain = node.subscriptions;
        if (plain.length > 0) {
            matches.addGroup(plain);
        }
        Subscription[] members = node.shared;
        if (members.length > 0) {
            SharedChooser chooser = matches.sharedChooser(shareTurns);
            for (Subscription s : members) {
                chooser.offer(s);
            }
        }
    }

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>(4);
        volatile Subscription[] subscriptions = NONE;
        volatile Subscription[] shared = NONE;
        final Node parent;
        final String level;

        Node(Node parent, String level) {
            this.parent = parent;
            this.level = level;
        }
    }
}
