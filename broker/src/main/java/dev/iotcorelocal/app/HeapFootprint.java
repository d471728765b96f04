package dev.iotcorelocal.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * Keeps the standalone broker's committed heap close to what it holds. HotSpot's default lets up to
 * 70% of the heap stay committed but free after a collection that resizes it, which on a broker
 * holding many idle connections roughly doubles its resident memory (measured: RSS per idle
 * connection 3.9 KB with the defaults, 2.4 KB with these; README, Benchmarks). Both flags are
 * manageable, so they can be set at run time; a value given on the command line is left alone.
 * Only {@link Main} applies this: an embedding application owns its JVM.
 */
final class HeapFootprint {
    private static final Logger LOG = LoggerFactory.getLogger(HeapFootprint.class);
    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    static final String MIN_FREE_VALUE = "10";
    static final String MAX_FREE_VALUE = "30";

    private HeapFootprint() {
    }

    static void apply() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null || isSet(hotspot.getVMOption(MIN_FREE)) || isSet(hotspot.getVMOption(MAX_FREE))) {
                return;
            }
            hotspot.setVMOption(MIN_FREE, MIN_FREE_VALUE); // first: the minimum may never exceed the maximum
            hotspot.setVMOption(MAX_FREE, MAX_FREE_VALUE);
            LOG.debug("Heap free ratio after collections: {}..{}%", MIN_FREE_VALUE, MAX_FREE_VALUE);
        } catch (RuntimeException e) { // another JVM, or the flags are not manageable there: keep its defaults
            LOG.debug("Heap free ratios left at the JVM's defaults: {}", e.toString());
        }
    }

    private static boolean isSet(VMOption option) {
        return option.getOrigin() != VMOption.Origin.DEFAULT;
    }
}
