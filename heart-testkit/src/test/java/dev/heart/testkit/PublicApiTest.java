package dev.heart.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The testkit's public API names no other library's types: a user's tests compile against the JDK
 * and heart only, whatever property-testing library the testkit uses inside (or none). The
 * exported packages are those of its module-info.
 */
class PublicApiTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));
    private static final Set<String> EXPORTED = Set.of("dev.heart.testkit", "dev.heart.testkit.conformance");

    @Test
    void publicSignaturesOfExportedPackagesNameOnlyJdkAndHeartTypes() {
        AtomicInteger signatures = new AtomicInteger();
        classes()
                .that(DescribedPredicate.describe("are public in an exported package", PublicApiTest::exported))
                .should(nameOnlyJdkAndHeartTypes(signatures))
                .check(MAIN);
        assertTrue(signatures.get() >= 200, "checked only " + signatures.get() + " public signatures");
    }

    /** The rule catches what it is for: a public signature naming a library's type. */
    @Test
    void theRuleCatchesALibraryTypeInAPublicSignature() {
        JavaClasses planted = new ClassFileImporter().importClasses(Planted.class);
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class,
                () -> classes()
                        .should(nameOnlyJdkAndHeartTypes(new AtomicInteger()))
                        .check(planted));
        assertTrue(failure.getMessage().contains("com.tngtech.archunit.core.domain.JavaClasses"), failure.getMessage());
    }

    /** A public class naming a library's type (ArchUnit's, as any would do) in a parameter. */
    public static final class Planted {
        private Planted() {}

        /**
         * @param classes a library's type
         * @return a JDK type
         */
        public static List<String> names(JavaClasses classes) {
            return List.of(classes.toString());
        }
    }

    private static boolean exported(JavaClass type) {
        for (JavaClass c = type; ; c = c.getEnclosingClass().orElseThrow()) {
            boolean visible = c.getModifiers().contains(JavaModifier.PUBLIC)
                    || (c.isNestedClass() && c.getModifiers().contains(JavaModifier.PROTECTED));
            if (!visible) {
                return false;
            }
            if (!c.isNestedClass()) {
                return EXPORTED.contains(c.getPackageName());
            }
        }
    }

    private static boolean allowed(JavaClass type) {
        String name = type.getBaseComponentType().getName();
        return type.getBaseComponentType().isPrimitive()
                || name.startsWith("java.")
                || (name.startsWith("dev.heart.") && !name.contains(".internal."));
    }

    private static ArchCondition<JavaClass> nameOnlyJdkAndHeartTypes(AtomicInteger signatures) {
        return new ArchCondition<>("name only JDK (java.*) and heart (dev.heart.*, not internal) types"
                + " in public and protected signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> named = new ArrayList<>();
                type.getSuperclass().ifPresent(named::add);
                named.addAll(type.getInterfaces());
                named.addAll(type.getTypeParameters());
                report(type.getName(), named, events);
                for (JavaMember member : type.getMembers()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    if (member.getModifiers().contains(JavaModifier.SYNTHETIC)
                            || member.getModifiers().contains(JavaModifier.BRIDGE)) {
                        continue;
                    }
                    signatures.incrementAndGet();
                    List<JavaType> types = new ArrayList<>();
                    if (member instanceof JavaField field) {
                        types.add(field.getType());
                    } else if (member instanceof JavaCodeUnit unit) {
                        types.add(unit.getReturnType());
                        types.addAll(unit.getParameterTypes());
                        types.addAll(unit.getTypeParameters());
                        unit.getThrowsClause().getTypes().forEach(types::add);
                    }
                    report(member.getFullName(), types, events);
                }
            }

            private void report(String where, List<? extends JavaType> types, ConditionEvents events) {
                for (JavaType named : types) {
                    for (JavaClass raw : named.getAllInvolvedRawTypes()) {
                        if (!allowed(raw)) {
                            events.add(SimpleConditionEvent.violated(
                                    where, where + " names " + raw.getName() + " (in " + named.getName() + ")"));
                        }
                    }
                }
            }
        };
    }
}
