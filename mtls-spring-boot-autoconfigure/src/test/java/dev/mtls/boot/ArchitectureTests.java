package dev.mtls.boot;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScans;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules of the library (see STYLE.md), checked on its compiled main classes:
 * how auto-configurations are declared and registered, where properties live, which way
 * package dependencies point, and the insecure shortcuts the library never takes.
 */
@AnalyzeClasses(packages = "dev.mtls.boot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "dev.mtls.boot";

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/**
	 * Packages holding one capability each; {@code pki} (shared material) and the root
	 * package (the starter-wide switch) are not capabilities.
	 */
	private static final String[] CAPABILITIES = { "server", "auth", "client", "proxy", "reload", "revocation",
			"actuate", "devpki", "ratelimit", "openapi" };

	@ArchTest
	static final ArchRule autoConfigurationsArePublicFinalAndNamedAutoConfiguration = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic()
		.andShould()
		.haveModifier(JavaModifier.FINAL)
		.andShould()
		.haveSimpleNameEndingWith("AutoConfiguration");

	@ArchTest
	static final ArchRule autoConfigurationsAreRegisteredInImports = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should(beListedIn(registeredAutoConfigurations()));

	@ArchTest
	static final ArchRule noComponentScanning = noClasses().should()
		.beMetaAnnotatedWith(ComponentScan.class)
		.orShould()
		.beMetaAnnotatedWith(ComponentScans.class)
		.because("the library registers only through " + IMPORTS);

	@ArchTest
	static final ArchRule noUtilsGrabBags = noClasses().should()
		.haveSimpleNameEndingWith("Utils")
		.orShould()
		.haveSimpleNameEndingWith("Util")
		.because("a name says what the thing is");

	@ArchTest
	static final ArchRule configurationPropertiesLiveInTheCapabilityTheyConfigure = classes().that()
		.areAnnotatedWith(ConfigurationProperties.class)
		.should(resideInThePackageOfTheirKeys());

	@ArchTest
	static final ArchRule pkiDependsOnNoCapability = noClasses().that()
		.resideInAPackage(ROOT + ".pki..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(capabilityPackages())
		.because("capabilities share pki; arrows point inward to it");

	@ArchTest
	static final ArchRule noTrustAllShortcuts = noClasses().should()
		.dependOnClassesThat()
		.haveSimpleName("TrustAllStrategy")
		.orShould()
		.dependOnClassesThat()
		.haveSimpleName("TrustSelfSignedStrategy")
		.orShould()
		.dependOnClassesThat()
		.haveSimpleName("NoopHostnameVerifier")
		.orShould()
		.dependOnClassesThat()
		.haveSimpleName("InsecureTrustManagerFactory")
		.because("trust-all managers and always-true hostname verifiers are never a way to turn TLS off");

	/**
	 * ArchUnit sees which method is called, not the key passed to it, so the library does
	 * not write JVM-wide system or security properties at all: {@code javax.net.ssl.*}
	 * and {@code com.sun.security.*} would change every TLS connection of the JVM.
	 */
	@ArchTest
	static final ArchRule noJvmWideProperties = noClasses().should()
		.callMethod(System.class, "setProperty", String.class, String.class)
		.orShould()
		.callMethod(System.class, "setProperties", Properties.class)
		.orShould()
		.callMethod(System.class, "clearProperty", String.class)
		.orShould()
		.callMethod(Security.class, "setProperty", String.class, String.class)
		.because("javax.net.ssl.* and com.sun.security.* properties change TLS for the whole JVM");

	/**
	 * Every sub-package (the eight capabilities and {@code pki}) is one slice; none of
	 * them was found in a cycle when this rule was written, so it covers all of them.
	 */
	@ArchTest
	static final ArchRule capabilitiesAndPkiAreFreeOfCycles = slices().matching(ROOT + ".(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static void everyRegisteredAutoConfigurationIsAnAutoConfiguration(JavaClasses classes) {
		Set<String> annotated = new TreeSet<>();
		classes.that(isAnnotatedWithAutoConfiguration()).forEach((javaClass) -> annotated.add(javaClass.getName()));
		assertThat(registeredAutoConfigurations()).as(IMPORTS).containsExactlyInAnyOrderElementsOf(annotated);
	}

	private static String[] capabilityPackages() {
		return Arrays.stream(CAPABILITIES).map((name) -> ROOT + "." + name + "..").toArray(String[]::new);
	}

	private static DescribedPredicate<JavaClass> isAnnotatedWithAutoConfiguration() {
		return DescribedPredicate.describe("annotated with @AutoConfiguration",
				(javaClass) -> javaClass.isAnnotatedWith(AutoConfiguration.class));
	}

	/**
	 * Class names listed in this module's own imports file (not in Boot's, which share
	 * the resource name on the class path).
	 */
	private static Set<String> registeredAutoConfigurations() {
		try {
			Path classes = Path.of(MtlsProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Set<String> names = new LinkedHashSet<>();
			for (String line : Files.readAllLines(classes.resolve(IMPORTS))) {
				String name = line.strip();
				if (!name.isEmpty() && !name.startsWith("#")) {
					names.add(name);
				}
			}
			return names;
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException("Cannot read " + IMPORTS + " of the library", ex);
		}
	}

	private static ArchCondition<JavaClass> beListedIn(Set<String> registered) {
		return new ArchCondition<>("be listed in " + IMPORTS) {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				boolean listed = registered.contains(javaClass.getName());
				events.add(new SimpleConditionEvent(javaClass, listed,
						javaClass.getName() + (listed ? " is" : " is not") + " listed in " + IMPORTS));
			}

		};
	}

	/**
	 * A properties class lives in the package its keys name: {@code mtls.dev-pki} in
	 * {@code devpki}. A class bound to the root prefix {@code mtls} is judged by its
	 * top-level keys ({@code mtls.client} and {@code mtls.clients} belong to
	 * {@code client}); keys that name no capability ({@code mtls.enabled}) belong to the
	 * root package.
	 */
	private static ArchCondition<JavaClass> resideInThePackageOfTheirKeys() {
		return new ArchCondition<>("reside in the capability package their keys name") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				ConfigurationProperties annotation = javaClass.getAnnotationOfType(ConfigurationProperties.class);
				String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
				List<String> keys = prefix.equals("mtls") ? javaClass.getFields()
					.stream()
					.filter((field) -> !field.getModifiers().contains(JavaModifier.STATIC))
					.map(JavaField::getName)
					.toList() : List.of(prefix.substring(prefix.indexOf('.') + 1));
				for (String key : keys) {
					String expected = packageConfiguredBy(key);
					boolean satisfied = javaClass.getPackageName().equals(expected);
					events.add(new SimpleConditionEvent(javaClass, satisfied, javaClass.getName() + " binds '"
							+ ("mtls".equals(prefix) ? "mtls." + key : prefix) + "' and should reside in " + expected));
				}
			}

		};
	}

	private static String packageConfiguredBy(String key) {
		String segment = key.split("\\.")[0].replace("-", "").toLowerCase(Locale.ROOT);
		for (String capability : CAPABILITIES) {
			if (segment.equals(capability) || segment.equals(capability + "s")) {
				return ROOT + "." + capability;
			}
		}
		return ROOT;
	}

}
