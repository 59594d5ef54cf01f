package dev.heart.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link HeartPropertyException} at startup into Spring Boot's "APPLICATION FAILED TO
 * START" report: what is wrong with which property, and what to set, with an example, complete in
 * itself (the jar may be all the reader has).
 */
final class HeartPropertyFailureAnalyzer extends AbstractFailureAnalyzer<HeartPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HeartPropertyException cause) {
        String action = cause.action() != null
                ? cause.action()
                : "Set " + cause.property() + " to a valid value in application.properties (or application.yaml, the"
                        + " command line as --" + cause.property() + "=..., or the environment), for example: "
                        + KnownProperties.example(cause.property());
        return new FailureAnalysis("heart cannot register: " + cause.getMessage(), action, cause);
    }
}
