package org.physicsofai.atlas.web;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.web.architecture.PlantedViolations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;

/**
 * The layering rules of the house style that Maven's module graph cannot see, each also checked against
 * planted violations (test classes in {@code web.architecture}) to show that it can fail.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.physicsofai.atlas");

    private final JavaClasses planted = new ClassFileImporter().importPackagesOf(PlantedViolations.class);

    /** A store, series store, search index or tracer adapter: a class that implements one of the ports. */
    private static final DescribedPredicate<JavaClass> ADAPTERS = DescribedPredicate.describe(
            "implement a port of the stores, the search index or the tracer (an adapter)",
            c -> !c.isInterface()
                    && (assignableTo(KnowledgeStore.class).test(c)
                            || assignableTo(SeriesStore.class).test(c)
                            || assignableTo(SearchIndex.class).test(c)
                            || assignableTo(EvidenceTracer.class).test(c)));

    /** Field injection: constructors say what a class needs. */
    private static final ArchRule NO_FIELD_INJECTION = noFields().should().beAnnotatedWith(Autowired.class);

    /** Controllers (plain and REST) talk to ports, never to an adapter: which store runs is configuration. */
    private static final ArchRule CONTROLLERS_USE_PORTS =
            noClasses().that().areMetaAnnotatedWith(Controller.class).should().dependOnClassesThat(ADAPTERS);

    /** The library modules stay plain Java, usable from a notebook: no Spring, no servlet or HTTP types. */
    private static final ArchRule LIBRARIES_WITHOUT_SPRING = noClasses()
            .that()
            .resideInAPackage("org.physicsofai.atlas..")
            .and()
            .resideOutsideOfPackage("org.physicsofai.atlas.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..");

    @Test
    void noFieldInjection() {
        NO_FIELD_INJECTION.check(classes);
        assertThatThrownBy(() -> NO_FIELD_INJECTION.check(planted))
                .hasMessageContaining("PlantedViolations$FieldInjected.store");
    }

    @Test
    void controllersNeverTouchAnAdapter() {
        CONTROLLERS_USE_PORTS.check(classes);
        assertThatThrownBy(() -> CONTROLLERS_USE_PORTS.check(planted))
                .hasMessageContaining("PlantedViolations$RestControllerOnTdb2")
                .hasMessageContaining("PlantedViolations$ControllerOnDuckDb")
                .hasMessageContaining("PlantedViolations$ControllerOnNeo4j");
    }

    @Test
    void theLibraryModulesUseNoSpringNorServletTypes() {
        LIBRARIES_WITHOUT_SPRING.check(classes);
        assertThatThrownBy(() -> LIBRARIES_WITHOUT_SPRING.check(new ClassFileImporter()
                        .importClasses(org.physicsofai.atlas.architecture.PlantedLibraryClass.class)))
                .hasMessageContaining("PlantedLibraryClass");
    }
}
