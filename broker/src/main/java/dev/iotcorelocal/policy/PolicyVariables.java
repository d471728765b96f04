package dev.iotcorelocal.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names AWS IoT answers as policy variables and condition keys (spec §2.2, §2.5): maps a name
 * as written in a document (any case) to its canonical {@link ContextKeys} form, and suggests the
 * documented name for a known mistake such as {@code iot:Thing.ThingName}.
 */
final class PolicyVariables {
    static final List<String> CERTIFICATE_ATTRIBUTES = List.of("DistinguishedNameQualifier", "Country",
            "Organization", "OrganizationalUnit", "State", "CommonName", "SerialNumber", "Title", "Surname",
            "GivenName", "Initials", "Pseudonym", "GenerationQualifier");
    static final List<String> ALTERNATIVE_NAMES = List.of("RFC822Name", "DNSName", "DirectoryName",
            "UniformResourceIdentifier", "IPAddress");
    static final String ALTERNATIVE_NAME = "AlternativeName.";
    static final String LIST = "List";

    private static final Map<String, String> FIXED = new HashMap<>();
    private static final Map<String, String> ATTRIBUTES = new HashMap<>();
    private static final Map<String, String> SHORT_ATTRIBUTES = Map.of("cn", "CommonName", "o", "Organization",
            "ou", "OrganizationalUnit", "c", "Country", "st", "State", "sn", "Surname", "gn", "GivenName",
            "dnqualifier", "DistinguishedNameQualifier", "serial", "SerialNumber");
    private static final Map<String, String> ALTERNATIVES = new HashMap<>();

    static {
        for (String name : List.of(ContextKeys.CLIENT_ID, ContextKeys.SOURCE_IP, ContextKeys.DOMAIN_NAME,
                ContextKeys.THING_NAME, ContextKeys.THING_TYPE_NAME, ContextKeys.THING_IS_ATTACHED,
                ContextKeys.CERTIFICATE_ID, ContextKeys.CERTIFICATE_SERIAL_NUMBER,
                ContextKeys.CERTIFICATE_AVAILABLE_KEYS, ContextKeys.CONNECT_ATTRIBUTES,
                ContextKeys.LAST_WILL_TOPIC)) {
            FIXED.put(lower(name), name);
        }
        CERTIFICATE_ATTRIBUTES.forEach(a -> ATTRIBUTES.put(lower(a), a));
        ALTERNATIVE_NAMES.forEach(a -> ALTERNATIVES.put(lower(a), a));
    }

    private PolicyVariables() {
    }

    /** The canonical name, or null when AWS IoT defines no such variable or key. */
    static String canonical(String written) {
        String lower = lower(written);
        String fixed = FIXED.get(lower);
        if (fixed != null) {
            return fixed;
        }
        String attributePrefix = lower(ContextKeys.THING_ATTRIBUTE);
        if (lower.startsWith(attributePrefix) && written.endsWith("]")
                && written.length() > attributePrefix.length() + 1) {
            return ContextKeys.THING_ATTRIBUTE + written.substring(attributePrefix.length());
        }
        for (String prefix : List.of(ContextKeys.CERTIFICATE_SUBJECT, ContextKeys.CERTIFICATE_ISSUER)) {
            if (lower.startsWith(lower(prefix))) {
                String attribute = certificateAttribute(written.substring(prefix.length()), ATTRIBUTES);
                return attribute == null ? null : prefix + attribute;
            }
        }
        return null;
    }

    /**
     * {@code CommonName}, {@code CommonName.2}, {@code CommonName.List}, {@code AlternativeName.DNSName}
     * and so on, canonically spelled; null if it is none of them.
     */
    private static String certificateAttribute(String written, Map<String, String> names) {
        String rest = written;
        String head = "";
        if (lower(rest).startsWith(lower(ALTERNATIVE_NAME))) {
            head = ALTERNATIVE_NAME;
            rest = rest.substring(ALTERNATIVE_NAME.length());
            names = ALTERNATIVES;
        }
        int dot = rest.indexOf('.');
        String name = names.get(lower(dot < 0 ? rest : rest.substring(0, dot)));
        if (name == null) {
            return null;
        }
        if (dot < 0) {
            return head + name;
        }
        String suffix = rest.substring(dot + 1);
        if (suffix.equalsIgnoreCase(LIST)) {
            return head + name + "." + LIST;
        }
        if (!suffix.isEmpty() && suffix.length() <= 3 && suffix.chars().allMatch(Character::isDigit)) {
            return head + name + "." + Integer.parseInt(suffix);
        }
        return null;
    }

    /** The documented name a writer probably meant, or null when there is no good guess. */
    static String suggestion(String written) {
        String lower = lower(written);
        if (lower.startsWith("iot:thing.")) {
            String guess = canonical("iot:Connection.Thing." + written.substring("iot:thing.".length()));
            return guess != null ? guess : ContextKeys.THING_NAME;
        }
        if (lower.equals("iot:domain")) {
            return ContextKeys.DOMAIN_NAME;
        }
        if (lower.equals("iot:clientid") || lower.equals("iot:client") || lower.equals("aws:clientid")) {
            return ContextKeys.CLIENT_ID;
        }
        if (lower.equals("iot:thingname") || lower.equals("iot:connection.thingname")) {
            return ContextKeys.THING_NAME;
        }
        for (String prefix : List.of(ContextKeys.CERTIFICATE_SUBJECT, ContextKeys.CERTIFICATE_ISSUER)) {
            if (lower.startsWith(lower(prefix))) {
                String rest = written.substring(prefix.length());
                int dot = rest.indexOf('.');
                String full = SHORT_ATTRIBUTES.get(lower(dot < 0 ? rest : rest.substring(0, dot)));
                if (full != null) {
                    return canonical(prefix + full + (dot < 0 ? "" : rest.substring(dot)));
                }
            }
        }
        return null;
    }

    /** Whether a canonical name is one whose value is a list ({@code .List}, ConnectAttributes, AvailableKeys). */
    static boolean multiValued(String canonical) {
        return canonical.endsWith("." + LIST) || canonical.equals(ContextKeys.CONNECT_ATTRIBUTES)
                || canonical.equals(ContextKeys.CERTIFICATE_AVAILABLE_KEYS);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
