package org.socialcrm;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Package dependencies point one way (docs/architecture.md, "Packages"): feature packages may depend on
 * {@code tenancy}, {@code security} and {@code common}, never the reverse, and no two top-level packages depend on
 * each other, directly or through others. Checked on the compiled main classes.
 */
class ArchitectureTest {

    private static final String ROOT = "org.socialcrm";
    /** The packages every feature builds on; they depend only on each other (and {@code database}). */
    private static final String[] FOUNDATION = { ROOT + ".common..", ROOT + ".tenancy..", ROOT + ".security..",
            ROOT + ".database.." };

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                // The one known cycle: contact's filters read segments and segments store contact filters. The
                // targeting work (branch h-rules, one contact filter in package targeting) removes it; drop this
                // exception when it is merged.
                .ignoreDependency(inPackage("contact"), inPackage("segment"))
                .check(MAIN);
    }

    @Test
    void foundationDependsOnNoFeature() {
        onlyOnFoundation(FOUNDATION);
    }

    /** The compiler of compiled reads knows no feature: features describe their types to it (CompiledFields). */
    @Test
    void compiledReadCompilerDependsOnNoFeature() {
        onlyOnFoundation(ROOT + ".graphql..");
    }

    private static void onlyOnFoundation(String... packages) {
        noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat(describe("are in a feature package",
                        (JavaClass target) -> target.getPackageName().startsWith(ROOT + ".")
                                && !target.getPackage().getName().equals(ROOT)
                                && !residesIn(target, FOUNDATION) && !residesIn(target, packages)))
                .check(MAIN);
    }

    private static DescribedPredicate<JavaClass> inPackage(String feature) {
        return JavaClass.Predicates.resideInAPackage(ROOT + "." + feature + "..");
    }

    private static boolean residesIn(JavaClass target, String[] packages) {
        for (String identifier : packages) {
            if (JavaClass.Predicates.resideInAPackage(identifier).test(target)) {
                return true;
            }
        }
        return false;
    }
}
