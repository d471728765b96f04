package dev.iotcorelocal.routing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' FROM-filter index matches as subscriptions do. */
class FilterTrieTest {
    private static FilterTrie<String> trie(boolean hashMatchesParent, String... filters) {
        return FilterTrie.of(Arrays.stream(filters).map(f -> Map.entry(f, f)).toList(), hashMatchesParent);
    }

    @Test
    void wildcardsMatchLikeMqtt() {
        FilterTrie<String> trie = trie(false, "topic/#", "topic/+", "topic/+/details", "other", "+/subtopic");

        assertThat(trie.match("topic/subtopic")).containsExactlyInAnyOrder("topic/#", "topic/+", "+/subtopic");
        assertThat(trie.match("topic/subtopic-3/details")).containsExactlyInAnyOrder("topic/#", "topic/+/details");
        assertThat(trie.match("topic-2/subtopic-x")).isEmpty();
        assertThat(trie.match("nothing/at/all")).isEmpty();
    }

    @Test
    void leadingWildcardsDoNotMatchDollarTopics() {
        FilterTrie<String> trie = trie(false, "#", "+/things/#", "$aws/things/+/shadow/update/delta");

        assertThat(trie.match("$aws/things/lamp/shadow/update/delta"))
                .containsExactly("$aws/things/+/shadow/update/delta");
        assertThat(trie.match("a/things/b")).containsExactlyInAnyOrder("#", "+/things/#");
    }

    @Test
    void hashMatchesItsParentOnlyWhenConfiguredSo() {
        assertThat(trie(false, "a/#").match("a")).isEmpty();
        assertThat(trie(true, "a/#").match("a")).containsExactly("a/#");
    }

    @Test
    void noMatchAllocatesNoList() {
        FilterTrie<String> trie = trie(false, "a/b");
        assertThat(trie.match("c/d")).isSameAs(List.of());
        assertThat(FilterTrie.<String>of(List.of(), false).match("a")).isSameAs(List.of());
    }

    @Test
    void manyFirstLevelsMatchExactlyAndUnknownOnesMatchNothing() {
        String[] filters = IntStream.range(0, 100).mapToObj(i -> "fleet/" + i + "/+/telemetry")
                .toArray(String[]::new);
        FilterTrie<String> byFleet = trie(false, filters);
        FilterTrie<String> byFirstLevel = trie(false, IntStream.range(0, 100)
                .mapToObj(i -> "site-" + i + "/#").toArray(String[]::new));

        assertThat(byFleet.match("fleet/42/lamp/telemetry")).containsExactly("fleet/42/+/telemetry");
        assertThat(byFleet.match("bench/1/in/3")).isSameAs(List.of());
        for (int i = 0; i < 100; i++) {
            assertThat(byFirstLevel.match("site-" + i + "/x")).containsExactly("site-" + i + "/#");
            assertThat(byFirstLevel.match("site-" + i)).isEmpty();
            assertThat(byFirstLevel.match("other-" + i + "/x")).isEmpty();
        }
    }

    @Test
    void aLeadingWildcardStillMatchesEveryFirstLevel() {
        FilterTrie<String> trie = trie(false, "fleet/a", "+/b");
        assertThat(trie.match("anything/b")).containsExactly("+/b");
    }

    /** Against the subscription trie, itself checked against a regex matcher; "$x" covers the dollar rule. */
    @Property(tries = 300)
    void agreesWithTheSubscriptionTrie(@ForAll("filters") List<String> filters,
                                       @ForAll("topics") String topic) {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(true);
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            index.add(TrieSubscriptionIndexTest.subscription("c" + i, filters.get(i)));
            entries.add(Map.entry(filters.get(i), "c" + i));
        }
        Set<String> expected = new HashSet<>();
        index.match(topic, s -> expected.add(s.clientId()));

        assertThat(FilterTrie.of(entries, true).match(topic)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Provide
    Arbitrary<List<String>> filters() {
        Arbitrary<String> level = Arbitraries.of("a", "b", "$x", "+", "");
        Arbitrary<String> filter = level.list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> String.join("/", levels));
        Arbitrary<String> withHash = Combinators.combine(filter,
                Arbitraries.of(true, false)).as((f, hash) -> hash ? f + "/#" : f);
        return Arbitraries.oneOf(withHash, Arbitraries.just("#"))
                .filter(f -> TopicFilter.parse(f) != null).list().uniqueElements().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of("a", "b", "$x", "").list().ofMinSize(1).ofMaxSize(5)
                .map(levels -> String.join("/", levels));
    }
}
