package io.switchboard.evaluator.api;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.evaluator.EvaluatorConfig;

/** The time windows of API queries, with this deployment's default and longest window. */
@ApplicationScoped
public class Windows {

    private final EvaluatorConfig.Api config;
    private final Clock clock = Clock.systemUTC();

    Windows(EvaluatorConfig config) {
        this.config = config.api();
    }

    public TimeWindow of(String since, String until) {
        return TimeWindow.of(since, until, config.defaultWindow(), config.maxWindow(), clock);
    }
}
