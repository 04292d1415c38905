package io.switchboard.billing.analytics;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import net.jpountz.lz4.LZ4Factory;

/**
 * Once the service has started, the compressor Kafka's producer asks lz4 for on every batch of the priced-usage topic
 * is the native one, although Quarkus, not the system class loader, loaded lz4 (which alone would give the Java port).
 */
@QuarkusTest
class NativeLz4Test {

    @Test
    void theProducersLz4IsTheNativeLibraryInTheRunningService() {
        // asked first: asking for the native instance loads the native library, as the service should have done
        LZ4Factory askedByTheProducer = LZ4Factory.fastestInstance();
        assertSame(LZ4Factory.nativeInstance(), askedByTheProducer,
                "the factory Kafka's Lz4BlockOutputStream asks for its compressor");
    }
}
