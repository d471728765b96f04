package dev.iotcorelocal.routing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TrieSubscriptionIndexTest {

    @ParameterizedTest(name = "{0} matches {1}: {2} (AWS), {3} (spec)")
    @CsvSource({
            "sport/tennis/player1/#, sport/tennis/player1,                 false, true",
            "sport/tennis/player1/#, sport/tennis/player1/ranking,         true,  true",
            "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true,  true",
            "sport/#,                sport,                                false, true",
            "#,                      sport/tennis,                         true,  true",
            "sport/tennis/+,         sport/tennis/player1,                 true,  true",
            "sport/tennis/+,         sport/tennis/player1/ranking,         false, false",
            "sport/+,                sport,                                false, false",
            "sport/+,                sport/,                               true,  true",
            "+/+,                    /finance,                             true,  true",
            "/+,                     /finance,                             true,  true",
            "+,                      /finance,                             false, false",
            "#,                      $SYS/monitor,                         false, false",
            "+/monitor,              $SYS/monitor,                         false, false",
            "$SYS/#,                 $SYS/monitor,                         true,  true",
            "$aws/things/+/shadow/#, $aws/things/t1/shadow/update,         true,  true",
            "a/b,                    a/b,                                  true,  true",
            "a/b,                    a/b/c,                                false, false",
    })
    void matchesLikeTheSpecExceptAwsHashParentRule(String filter, String topic, boolean aws, boolean spec) {
        assertThat(matches(new TrieSubscriptionIndex(false), filter, topic)).isEqualTo(aws);
        assertThat(matches(new TrieSubscriptionIndex(true), filter, topic)).isEqualTo(spec);
    }

    @Property(tries = 300)
    void agreesWithANaiveRegexMatcher(@ForAll("filters") List<String> filters, @ForAll("topics") String topic) {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(true);
        for (int i = 0; i < filters.size(); i++) {
            index.add(subscription("c" + i, filters.get(i)));
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            if (regexMatches(filters.get(i), topic)) {
                expected.add("c" + i);
            }
        }
        List<String> actual = new ArrayList<>();
        index.match(topic, s -> actual.add(s.clientId()));
        assertThat(new HashSet<>(actual)).isEqualTo(expected);
        assertThat(actual).doesNotHaveDuplicates();
        assertThat(index.hasSubscriber(topic)).as("hasSubscriber agrees with match").isEqualTo(!expected.isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aShareGroupIsFoundByItsKeyForRedeliveryUntilItsLastMemberLeaves() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        index.add(subscription("a", "$share/g/jobs/+"));
        index.add(subscription("b", "$share/g/jobs/+"));
        index.add(subscription("c", "$share/other/jobs/+"));

        Subscription next = index.chooseShareMember("$share/g/jobs/+", "a", MemberPresence.ALL_ONLINE, 1);
        assertThat(next.clientId()).as("the other member of the same group, never another group's").isEqualTo("b");
        assertThat(index.chooseShareMember("$share/g/jobs/+", "b", MemberPresence.ALL_ONLINE, 1).clientId())
                .isEqualTo("a");

        index.remove("a", TopicFilter.parse("$share/g/jobs/+"));
        assertThat(index.chooseShareMember("$share/g/jobs/+", "b", MemberPresence.ALL_ONLINE, 1))
                .as("b is leaving and a has left: nobody").isNull();
        index.remove("b", TopicFilter.parse("$share/g/jobs/+"));
        assertThat(index.chooseShareMember("$share/g/jobs/+", "x", MemberPresence.ALL_ONLINE, 1))
                .as("a group without members is forgotten").isNull();
        assertThat(index.chooseShareMember("$share/other/jobs/+", "x", MemberPresence.ALL_ONLINE, 1).clientId())
                .isEqualTo("c");
    }

    @org.junit.jupiter.api.Test
    void hasSubscriberSeesPlainAndSharedSubscriptionsAndForgetsRemovedOnes() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        assertThat(index.hasSubscriber("$aws/things/t1/shadow/update/documents")).isFalse();
        index.add(subscription("app", "$share/g/$aws/things/+/shadow/update/documents"));
        assertThat(index.hasSubscriber("$aws/things/t1/shadow/update/documents")).isTrue();
        assertThat(index.hasSubscriber("$aws/things/t1/shadow/update/accepted")).isFalse();
        index.add(subscription("device", "$aws/things/t1/shadow/update/#"));
        assertThat(index.hasSubscriber("$aws/things/t1/shadow/update/accepted")).isTrue();
        assertThat(index.hasSubscriber("$aws/things/t2/shadow/update/accepted")).isFalse();
        index.add(subscription("spy", "#"));
        assertThat(index.hasSubscriber("$aws/things/t2/shadow/update/accepted")).as("'#' does not match '$' topics")
                .isFalse();
        assertThat(index.hasSubscriber("plain/topic")).isTrue();

        index.remove("device", TopicFilter.parse("$aws/things/t1/shadow/update/#"));
        assertThat(index.hasSubscriber("$aws/things/t1/shadow/update/accepted")).isFalse();
        index.remove("app", TopicFilter.parse("$share/g/$aws/things/+/shadow/update/documents"));
        assertThat(index.hasSubscriber("$aws/things/t1/shadow/update/documents")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void removeForgetsTheSubscriptionAndPrunesEmptyNodes() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        index.add(subscription("a", "x/y/z"));
        index.add(subscription("a", "x/y/z")); // same client and filter: replaced, not added
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.remove("a", TopicFilter.parse("x/y/z"))).isTrue();
        assertThat(index.remove("a", TopicFilter.parse("x/y/z"))).isFalse();
        List<Subscription> out = new ArrayList<>();
        index.match("x/y/z", out::add);
        assertThat(out).isEmpty();
        assertThat(index.size()).isZero();
    }

    @org.junit.jupiter.api.Test
    void shareGroupDeliversEachMessageToOneMemberRoundRobin() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        index.add(subscription("m1", "$share/g/t/#"));
        index.add(subscription("m2", "$share/g/t/#"));
        index.add(subscription("solo", "t/#"));
        List<String> receivers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            index.match("t/x", s -> receivers.add(s.clientId()));
        }
        assertThat(receivers.stream().filter("solo"::equals)).hasSize(4);
        assertThat(receivers.stream().filter(c -> c.startsWith("m")).collect(Collectors.toList()))
                .containsExactly("m1", "m2", "m1", "m2");
    }

    @org.junit.jupiter.api.Test
    void repeatedTopicsKeepMatchingOnlyTheirOwnSubscribersWhenMoreTopicsCirculateThanTheSplitCacheHolds() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        int things = 5_000; // several times the per-thread cache of recent splits: its slots collide
        for (int i = 0; i < things; i++) {
            index.add(subscription("device-" + i, "fleet/" + i + "/telemetry"));
        }
        index.add(subscription("dashboard", "fleet/+/telemetry"));
        Matches matches = new Matches();
        for (int round = 0; round < 3; round++) {
            for (int i = round; i < things; i += 7) {
                matches.acquire();
                index.match(new String("fleet/" + i + "/telemetry"), matches); // a fresh String, as decoded
                Set<String> receivers = new HashSet<>();
                for (int g = 0; g < matches.groupCount(); g++) {
                    for (Subscription s : matches.group(g)) {
                        receivers.add(s.clientId());
                    }
                }
                matches.release();
                assertThat(receivers).as("topic %d, round %d", i, round).containsExactlyInAnyOrder("device-" + i, "dashboard");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"a/#/b", "a#", "a/b+", "+a", "''", "$share/g", "$share//a", "$share/g+/a", "$share/g/"})
    void invalidFiltersAreRejected(String filter) {
        assertThat(TopicFilter.parse(filter)).isNull();
    }

    @Provide
    Arbitrary<List<String>> filters() {
        Arbitrary<String> level = Arbitraries.of("a", "b", "c", "+", "");
        Arbitrary<String> filter = level.list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> String.join("/", levels));
        Arbitrary<String> withHash = Combinators.combine(filter, Arbitraries.of(true, false))
                .as((f, hash) -> hash ? f + "/#" : f);
        return Arbitraries.oneOf(withHash, Arbitraries.just("#")).filter(f -> TopicFilter.parse(f) != null)
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of("a", "b", "c", "").list().ofMinSize(1).ofMaxSize(5).map(levels -> String.join("/", levels));
    }

    private static boolean matches(SubscriptionIndex index, String filter, String topic) {
        index.add(subscription("c", filter));
        List<Subscription> out = new ArrayList<>();
        index.match(topic, out::add);
        assertThat(index.hasSubscriber(topic)).as("hasSubscriber agrees with match").isEqualTo(!out.isEmpty());
        return !out.isEmpty();
    }

    static Subscription subscription(String client, String filter) {
        return new Subscription(client, TopicFilter.parse(filter), 1, false, false, 0);
    }

    /** The spec's semantics written the slow, obvious way. */
    private static boolean regexMatches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                // '#' also matches the parent level: drop the preceding '/'
                if (regex.length() > 0) {
                    regex.setLength(regex.length() - 1);
                    regex.append("(/.*)?");
                } else {
                    regex.append(".*");
                }
                break;
            }
            regex.append(level.equals("+") ? "[^/]*" : Pattern.quote(level));
            if (i < levels.length - 1) {
                regex.append('/');
            }
        }
        return Pattern.matches(regex.toString(), topic);
    }
}
