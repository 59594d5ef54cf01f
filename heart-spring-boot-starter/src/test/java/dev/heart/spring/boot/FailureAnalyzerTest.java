package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.ClassUtils;

/** Spring Boot's spring.factories names the analyzer; its report names the property. */
class FailureAnalyzerTest {

    @Test
    void springFactoriesNamesTheAnalyzerAndItsReportNamesTheProperty() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (java.net.URL url :
                java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Map<Object, Object> factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            Object value = factories.get(FailureAnalyzer.class.getName());
            if (value != null) {
                names.addAll(List.of(value.toString().split(",")));
            }
        }
        assertTrue(names.contains(HeartPropertyFailureAnalyzer.class.getName()), names.toString());
        // as SpringFactoriesLoader does: the no-argument constructor, made accessible
        FailureAnalyzer analyzer = (FailureAnalyzer)
                BeanUtils.instantiateClass(ClassUtils.forName(HeartPropertyFailureAnalyzer.class.getName(), null)
                        .getDeclaredConstructor());
        HeartPropertyException cause =
                new HeartPropertyException("heart.registry[0]", "'tcp//x' is not a registry address", null);
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("wrapped", cause));
        assertEquals(
                "heart cannot register: heart.registry[0]: 'tcp//x' is not a registry address",
                analysis.getDescription());
        assertTrue(analysis.getAction().contains("Set heart.registry[0] to a valid value"), analysis.getAction());
        assertTrue(
                analysis.getAction().endsWith("for example: heart.registry=tcp://registry.local:7070"),
                analysis.getAction());
        assertTrue(!analysis.getAction().contains("docs/"), analysis.getAction());
    }
}
