package dev.iotcorelocal.policy;

import io.netty.util.NetUtil;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code iot:Certificate.*} policy variables of one client certificate (spec §2.5), keyed by
 * canonical name, for the enforcement side to merge into its {@link RequestContext}: Subject and
 * Issuer attributes (first value, {@code .N} = the N-th value after the first, {@code .List} = all),
 * their AlternativeName entries, SerialNumber (decimal) and AvailableKeys. AWS's limits apply: a
 * value containing {@code * $ + ? #} or longer than 1024 characters is not substituted, and lists
 * keep at most 5 values.
 */
public final class CertificateVariables {
    static final int MAX_VALUE_LENGTH = 1024;
    static final int MAX_LIST_SIZE = 5;
    private static final Map<ASN1ObjectIdentifier, String> ATTRIBUTES = Map.ofEntries(
            Map.entry(BCStyle.DN_QUALIFIER, "DistinguishedNameQualifier"), Map.entry(BCStyle.C, "Country"),
            Map.entry(BCStyle.O, "Organization"), Map.entry(BCStyle.OU, "OrganizationalUnit"),
            Map.entry(BCStyle.ST, "State"), Map.entry(BCStyle.CN, "CommonName"),
            Map.entry(BCStyle.SERIALNUMBER, "SerialNumber"), Map.entry(BCStyle.T, "Title"),
            Map.entry(BCStyle.SURNAME, "Surname"), Map.entry(BCStyle.GIVENNAME, "GivenName"),
            Map.entry(BCStyle.INITIALS, "Initials"), Map.entry(BCStyle.PSEUDONYM, "Pseudonym"),
            Map.entry(BCStyle.GENERATION, "GenerationQualifier"));
    private static final Map<Integer, String> ALTERNATIVE_NAMES = Map.of(GeneralName.rfc822Name, "RFC822Name",
            GeneralName.dNSName, "DNSName", GeneralName.directoryName, "DirectoryName",
            GeneralName.uniformResourceIdentifier, "UniformResourceIdentifier", GeneralName.iPAddress, "IPAddress");

    private final Map<String, String> singleValues;
    private final Map<String, List<String>> multiValues;

    private CertificateVariables(Map<String, String> singleValues, Map<String, List<String>> multiValues) {
        this.singleValues = Map.copyOf(singleValues);
        this.multiValues = Map.copyOf(multiValues);
    }

    /** Reads the certificate's names with BouncyCastle's ASN.1 parsing. CPU only, no I/O. */
    public static CertificateVariables of(X509Certificate certificate) {
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
        Map<String, List<String>> named = new LinkedHashMap<>();
        names(holder.getSubject(), ContextKeys.CERTIFICATE_SUBJECT, named);
        names(holder.getIssuer(), ContextKeys.CERTIFICATE_ISSUER, named);
        Extensions extensions = holder.getExtensions();
        alternativeNames(extensions, Extension.subjectAlternativeName, ContextKeys.CERTIFICATE_SUBJECT, named);
        alternativeNames(extensions, Extension.issuerAlternativeName, ContextKeys.CERTIFICATE_ISSUER, named);

        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        single.put(ContextKeys.CERTIFICATE_SERIAL_NUMBER, certificate.getSerialNumber().toString());
        named.forEach((key, all) -> {
            List<String> values = all.stream().filter(CertificateVariables::substitutable).limit(MAX_LIST_SIZE)
                    .toList();
            if (!all.isEmpty() && substitutable(all.get(0))) {
                single.put(key, all.get(0));
            }
            for (int i = 1; i < Math.min(all.size(), MAX_LIST_SIZE); i++) {
                if (substitutable(all.get(i))) {
                    single.put(key + "." + i, all.get(i));
                }
            }
            multi.put(key + "." + PolicyVariables.LIST, values);
        });
        TreeSet<String> available = new TreeSet<>(single.keySet());
        available.addAll(multi.keySet());
        multi.put(ContextKeys.CERTIFICATE_AVAILABLE_KEYS, List.copyOf(available));
        return new CertificateVariables(single, multi);
    }

    /** Single-valued variables: {@code iot:Certificate.Subject.CommonName}, {@code ....CommonName.1}, ... */
    public Map<String, String> singleValues() {
        return singleValues;
    }

    /** Multi-valued variables: the {@code .List} keys and {@code iot:Certificate.AvailableKeys}. */
    public Map<String, List<String>> multiValues() {
        return multiValues;
    }

    private static void names(X500Name name, String prefix, Map<String, List<String>> into) {
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String variable = ATTRIBUTES.get(attribute.getType());
                if (variable != null) {
                    String value = attribute.getValue() instanceof ASN1String text ? text.getString()
                            : IETFUtils.valueToString(attribute.getValue());
                    into.computeIfAbsent(prefix + variable, k -> new ArrayList<>()).add(value);
                }
            }
        }
    }

    private static void alternativeNames(Extensions extensions, ASN1ObjectIdentifier extension, String prefix,
                                         Map<String, List<String>> into) {
        GeneralNames names = extensions == null ? null : GeneralNames.fromExtensions(extensions, extension);
        if (names == null) {
            return;
        }
        for (GeneralName name : names.getNames()) {
            String variable = ALTERNATIVE_NAMES.get(name.getTagNo());
            if (variable == null) {
                continue;
            }
            String value = switch (name.getTagNo()) {
                case GeneralName.iPAddress -> NetUtil.bytesToIpAddress(
                        ASN1OctetString.getInstance(name.getName()).getOctets());
                case GeneralName.directoryName -> X500Name.getInstance(name.getName()).toString();
                default -> ((ASN1String) name.getName()).getString();
            };
            into.computeIfAbsent(prefix + PolicyVariables.ALTERNATIVE_NAME + variable, k -> new ArrayList<>())
                    .add(value);
        }
    }

    /** AWS leaves a variable unsubstituted when its value holds a policy special character or is too long. */
    private static boolean substitutable(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '*' || c == '$' || c == '+' || c == '?' || c == '#') {
                return false;
            }
        }
        return true;
    }
}
