package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.LocalCertificateAuthority;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A registry over a manual clock and a thing directory the test fills in. */
final class RegistryFixture {
    static final Arns ARNS = new Arns("123456789012", "us-east-1");
    private static LocalCertificateAuthority sharedCa;

    final ManualClock clock = new ManualClock(Instant.now());
    final Things things = new Things();
    final LocalCertificateAuthority ca;
    final SecurityRegistry registry;

    RegistryFixture() {
        ca = localCa();
        registry = new SecurityRegistry(ARNS, clock, ca, things);
    }

    /** One CA for the whole test run: RSA key generation is the slow part. */
    static synchronized LocalCertificateAuthority localCa() {
        if (sharedCa == null) {
            try {
                sharedCa = LocalCertificateAuthority.createInMemory("test local CA");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return sharedCa;
    }

    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class Things implements ThingDirectory {
        final Set<String> things = new HashSet<>();
        final Set<String> types = new HashSet<>();
        final Map<String, String> groupParent = new HashMap<>();
        final Map<String, List<String>> thingGroups = new HashMap<>();

        @Override
        public boolean thingExists(String thingName) {
            return things.contains(thingName);
        }

        @Override
        public boolean thingGroupExists(String groupName) {
            return groupParent.containsKey(groupName);
        }

        @Override
        public boolean thingTypeExists(String typeName) {
            return types.contains(typeName);
        }

        @Override
        public List<String> groupsWithAncestors(String thingName) {
            return thingGroups.getOrDefault(thingName, List.of()).stream()
                    .flatMap(g -> groupAncestry(g).stream()).distinct().toList();
        }

        @Override
        public List<String> groupAncestry(String groupName) {
            List<String> chain = new java.util.ArrayList<>();
            for (String g = groupName; g != null && !g.isEmpty(); g = groupParent.get(g)) {
                chain.add(g);
            }
            return chain;
        }
    }
}
