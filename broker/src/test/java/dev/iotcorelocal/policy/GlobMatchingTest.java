package dev.iotcorelocal.policy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Both ways a pattern is matched ('*'-only runs through indexOf, and the char loop for '?') agree with a regex. */
class GlobMatchingTest {

    private static boolean regex(String pattern, String candidate, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder("(?s)");
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(candidate)
                .matches();
    }

    @Property(tries = 3000)
    void matchesAsARegexWould(@ForAll @StringLength(max = 8) @CharRange(from = '*', to = '*')
                              @CharRange(from = '?', to = '?') @CharRange(from = 'a', to = 'b')
                              @CharRange(from = 'A', to = 'A') String pattern,
                              @ForAll @StringLength(max = 10) @CharRange(from = 'a', to = 'b')
                              @CharRange(from = 'A', to = 'A') @CharRange(from = '*', to = '*') String candidate) {
        assertThat(Glob.of(pattern, false).matches(candidate)).as("%s ~ %s", pattern, candidate)
                .isEqualTo(regex(pattern, candidate, false));
        assertThat(Glob.of(pattern, true).matches(candidate)).as("%s ~i %s", pattern, candidate)
                .isEqualTo(regex(pattern, candidate, true));
        assertThat(Glob.literal(pattern, false).matches(candidate)).isEqualTo(pattern.equals(candidate));
    }
}
