package dev.iotcorelocal.packet;

/** Protocol levels the broker speaks. MQTT 3.1 (level 3) is not supported, as on AWS IoT Core. */
public enum MqttVersion {
    V3_1_1(4), V5(5);

    private final int level;

    MqttVersion(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean isV5() {
        return this == V5;
    }
}
