package dev.iotcorelocal.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARNs of this emulated account and region: {@code arn:aws:iot:REGION:ACCOUNT:TYPE/NAME}. */
public final class Arns {
    private static final Pattern IOT_ARN = Pattern.compile("arn:aws:iot:([^:]*):([^:]*):([a-z]+)/(.+)");

    private final String accountId;
    private final String region;
    private final String prefix;

    public Arns(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
        this.prefix = "arn:aws:iot:" + region + ":" + accountId + ":";
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public String certificate(String certificateId) {
        return prefix + "cert/" + certificateId;
    }

    public String caCertificate(String certificateId) {
        return prefix + "cacert/" + certificateId;
    }

    public String policy(String name) {
        return prefix + "policy/" + name;
    }

    public String thing(String name) {
        return prefix + "thing/" + name;
    }

    public String thingGroup(String name) {
        return prefix + "thinggroup/" + name;
    }

    public String thingType(String name) {
        return prefix + "thingtype/" + name;
    }

    /** The resource type and name of an ARN of this account and region, or empty for any other text. */
    public Optional<Resource> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher matcher = IOT_ARN.matcher(arn);
        if (!matcher.matches() || !matcher.group(1).equals(region) || !matcher.group(2).equals(accountId)) {
            return Optional.empty();
        }
        return Optional.of(new Resource(matcher.group(3), matcher.group(4)));
    }

    /** A parsed ARN: {@code type} is AWS's resource type ({@code cert}, {@code thinggroup}, ...). */
    public record Resource(String type, String name) {
    }
}
