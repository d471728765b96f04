package dev.iotcorelocal.rules.sql;

/** AWS IoT SQL versions (spec B1): a rule without {@code awsIotSqlVersion} is 2015-10-08, as on AWS. */
public enum SqlVersion {
    V2015_10_08("2015-10-08"),
    V2016_03_23("2016-03-23"),
    BETA("beta");

    private final String text;

    SqlVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The version a rule names, 2015-10-08 when it names none, or null when the name is not a version. */
    public static SqlVersion of(String text) {
        if (text == null) {
            return V2015_10_08;
        }
        for (SqlVersion version : values()) {
            if (version.text.equals(text)) {
                return version;
            }
        }
        return null;
    }
}
