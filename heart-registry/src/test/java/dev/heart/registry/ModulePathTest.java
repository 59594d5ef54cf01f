package dev.heart.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistryHandler;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The module as its users see it: a named module exporting one package, reading heart-api and
 * SLF4J only, and resolvable in a layer of its own from nothing but those two.
 */
class ModulePathTest {

    @Test
    void runsAsTheNamedModuleExportingOnlyItsPackage() {
        Module module = LeaseRegistry.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("dev.heart.registry", descriptor.name());
        assertEquals(
                Set.of("dev.heart.registry"),
                descriptor.exports().stream()
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
        assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertEquals(
                Set.of("java.base", "dev.heart.api", "org.slf4j"),
                descriptor.requires().stream()
                        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                        .map(ModuleDescriptor.Requires::name)
                        .collect(Collectors.toSet()),
                "what it needs at run time");
        assertEquals(
                Set.of("org.jspecify"),
                descriptor.requires().stream()
                        .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                        .map(ModuleDescriptor.Requires::name)
                        .collect(Collectors.toSet()),
                "the nullness annotations: for compile time only");
        assertTrue(
                descriptor.requires().stream()
                        .anyMatch(r -> r.name().equals("dev.heart.api")
                                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                "its public types name heart-api's, so users read it too");
        assertTrue(descriptor.opens().isEmpty() && !descriptor.isOpen(), "nothing is open to reflection");
    }

    @Test
    void resolvesInALayerOfItsOwnFromHeartApiAndSlf4jOnly() throws Exception {
        ModuleFinder finder =
                ModuleFinder.of(location(LeaseRegistry.class), location(RegistryHandler.class), location(Logger.class));
        Configuration configuration = Configuration.resolve(
                finder,
                java.util.List.of(ModuleLayer.boot().configuration()),
                ModuleFinder.of(),
                Set.of("dev.heart.registry"));
        assertEquals(
                Set.of("dev.heart.registry", "dev.heart.api", "org.slf4j"),
                configuration.modules().stream()
                        .map(resolved -> resolved.name())
                        .collect(Collectors.toSet()),
                "found in the finder: the module and exactly what it needs (java.base from the boot layer)");
        ModuleLayer layer =
                ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        Class<?> loaded = layer.findLoader("dev.heart.registry").loadClass("dev.heart.registry.LeaseRegistry");
        assertEquals("dev.heart.registry", loaded.getModule().getName());
        assertTrue(loaded.getModule().isExported("dev.heart.registry"));
        Class<?> handler = layer.findLoader("dev.heart.api").loadClass("dev.heart.api.RegistryHandler");
        assertTrue(handler.isAssignableFrom(loaded), "a RegistryHandler of the layer's own heart-api");
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
