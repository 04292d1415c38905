package io.switchboard.billing.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import net.jpountz.lz4.LZ4Factory;

/**
 * Makes the Kafka producer compress the priced-usage topic with lz4's native library rather than its Java port.
 * The producer asks {@link LZ4Factory#fastestInstance()} for a compressor on every batch, and that answers the Java
 * port unless the native library is already loaded or lz4 was loaded by the system class loader, which under Quarkus
 * it is not. Loading the native library once, here, changes the answer for every batch after. In the billing bench
 * the Java port was a tenth of billing's CPU samples.
 */
@ApplicationScoped
class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    void onStart(@Observes StartupEvent start) {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) {
            LOG.infof("lz4's native library cannot load here (%s): the priced-usage topic is compressed by lz4's "
                    + "Java port, which costs more CPU", unavailable.toString());
        }
    }
}
