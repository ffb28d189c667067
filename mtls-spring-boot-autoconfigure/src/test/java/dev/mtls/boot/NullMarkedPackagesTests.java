package dev.mtls.boot;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Every package of the library is {@code @NullMarked}: NullAway only checks marked
 * packages, so a new package without the annotation would silently escape the check.
 */
@AnalyzeClasses(packages = "dev.mtls.boot", importOptions = ImportOption.DoNotIncludeTests.class)
class NullMarkedPackagesTests {

	@ArchTest
	static final ArchRule everyPackageIsNullMarked = classes().should(resideInANullMarkedPackage());

	private static ArchCondition<JavaClass> resideInANullMarkedPackage() {
		return new ArchCondition<>("reside in a @NullMarked package (package-info.java)") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				if (!javaClass.getPackage().isAnnotatedWith(NullMarked.class)) {
					events.add(SimpleConditionEvent.violated(javaClass, "package " + javaClass.getPackageName() + " of "
							+ javaClass.getName() + " is not @NullMarked"));
				}
			}

		};
	}

}
