package org.physicsofai.atlas.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;

/** The layering rules of the house style that Maven's module graph cannot see. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.physicsofai.atlas");

    @Test
    void noFieldInjection() {
        noFields().should().beAnnotatedWith(Autowired.class).check(classes);
    }

    @Test
    void controllersNeverTouchAStoreAdapter() {
        noClasses()
                .that()
                .areAnnotatedWith(Controller.class)
                .should()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("Tdb2")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("Remote")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("Lucene")
                .check(classes);
    }

    @Test
    void theOntologyModuleDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("org.physicsofai.atlas.ontology..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.physicsofai.atlas.store..",
                        "org.physicsofai.atlas.contribution..",
                        "org.physicsofai.atlas.sparql..",
                        "org.physicsofai.atlas.entity..",
                        "org.physicsofai.atlas.importers..",
                        "org.physicsofai.atlas.web..")
                .check(classes);
    }

    @Test
    void theLibraryModulesKnowNothingOfTheWebApplication() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.physicsofai.atlas.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.physicsofai.atlas.web..", "org.springframework..")
                .check(classes);
    }

    @Test
    void domainExceptionsCarryNoHttpTypes() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.physicsofai.atlas.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "jakarta.servlet..")
                .check(classes);
    }
}
