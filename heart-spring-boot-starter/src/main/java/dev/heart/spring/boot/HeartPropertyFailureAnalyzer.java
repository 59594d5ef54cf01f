package dev.heart.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link HeartPropertyException} at startup into Spring Boot's "APPLICATION FAILED TO
 * START" report: what is wrong with which property, and to fix it.
 */
final class HeartPropertyFailureAnalyzer extends AbstractFailureAnalyzer<HeartPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HeartPropertyException cause) {
        return new FailureAnalysis("heart cannot register: " + cause.getMessage(),
                "Update " + cause.property() + " in the application's configuration (see docs/spring-boot.md).",
                cause);
    }
}
