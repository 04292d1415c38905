package io.switchboard.ingress.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The application's finished spans, kept in memory for the tracing tests (the documented Quarkus way: a
 * {@code SpanExporter} bean takes the OTLP exporter's place). Every module test has it; only the tracing
 * profiles sample anything, so the others leave it empty.
 */
@ApplicationScoped
class InMemorySpanExporterProducer {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
