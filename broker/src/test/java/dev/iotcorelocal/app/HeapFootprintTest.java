package dev.iotcorelocal.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class HeapFootprintTest {
    private final HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void lowersTheFreeRatiosUnlessTheCommandLineSetThem() {
        VMOption maxBefore = hotspot.getVMOption(HeapFootprint.MAX_FREE);
        VMOption minBefore = hotspot.getVMOption(HeapFootprint.MIN_FREE);

        HeapFootprint.apply();

        boolean userSet = maxBefore.getOrigin() != VMOption.Origin.DEFAULT || minBefore.getOrigin() != VMOption.Origin.DEFAULT;
        assertThat(hotspot.getVMOption(HeapFootprint.MAX_FREE).getValue())
                .isEqualTo(userSet ? maxBefore.getValue() : HeapFootprint.MAX_FREE_VALUE);
        assertThat(hotspot.getVMOption(HeapFootprint.MIN_FREE).getValue())
                .isEqualTo(userSet ? minBefore.getValue() : HeapFootprint.MIN_FREE_VALUE);
    }
}
