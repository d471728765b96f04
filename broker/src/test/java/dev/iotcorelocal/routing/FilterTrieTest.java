package dev.iotcorelocal.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' FROM-filter index matches as subscriptions do. */
class FilterTrieTest {
    private static FilterTrie<String> trie(boolean hashMatchesParent, String... filters) {
        return FilterTrie.of(java.util.Arrays.stream(filters).map(f -> Map.entry(f, f)).toList(), hashMatchesParent);
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
}
