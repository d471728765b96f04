package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A named set of limits; per-key overrides apply on top. */
public enum Profile {
    /** AWS IoT Core's limits, quotas and rate limits: fails the way AWS fails. */
    @JsonProperty("aws") AWS(LimitsConfig.aws()),
    /** Same protocol capabilities, no quotas or rate limits beyond the protocol's. */
    @JsonProperty("relaxed") RELAXED(LimitsConfig.relaxed());

    private final LimitsConfig limits;

    Profile(LimitsConfig limits) {
        this.limits = limits;
    }

    public LimitsConfig limits() {
        return limits;
    }

    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new ConfigException("unknown profile '" + name + "' (known: aws, relaxed)");
    }
}
