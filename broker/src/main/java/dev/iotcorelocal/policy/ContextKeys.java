package dev.iotcorelocal.policy;

/**
 * Canonical names of the policy variables and condition keys a {@link RequestContext} answers
 * (aws-iot-policies-and-lifecycle.md §2.2, §2.5). Parameterised names are a prefix plus the
 * parameter exactly as written: {@code THING_ATTRIBUTE + "color]"}, certificate attributes as
 * {@code CERTIFICATE_SUBJECT + "CommonName"}, {@code ... + "CommonName.2"}, {@code ... + "CommonName.List"}.
 */
public final class ContextKeys {
    public static final String CLIENT_ID = "iot:ClientId";
    public static final String SOURCE_IP = "aws:SourceIp";
    public static final String DOMAIN_NAME = "iot:DomainName";
    public static final String THING_NAME = "iot:Connection.Thing.ThingName";
    public static final String THING_TYPE_NAME = "iot:Connection.Thing.ThingTypeName";
    public static final String THING_ATTRIBUTE = "iot:Connection.Thing.Attributes[";
    public static final String THING_IS_ATTACHED = "iot:Connection.Thing.IsAttached";
    public static final String CERTIFICATE_ID = "iot:CertificateId";
    public static final String CERTIFICATE_SUBJECT = "iot:Certificate.Subject.";
    public static final String CERTIFICATE_ISSUER = "iot:Certificate.Issuer.";
    public static final String CERTIFICATE_SERIAL_NUMBER = "iot:Certificate.SerialNumber";
    public static final String CERTIFICATE_AVAILABLE_KEYS = "iot:Certificate.AvailableKeys";
    public static final String CONNECT_ATTRIBUTES = "iot:ConnectAttributes";
    public static final String LAST_WILL_TOPIC = "iot:LastWillTopic";

    private ContextKeys() {
    }
}
