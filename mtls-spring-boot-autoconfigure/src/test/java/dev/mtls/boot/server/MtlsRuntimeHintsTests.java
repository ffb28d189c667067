package dev.mtls.boot.server;

import dev.mtls.boot.auth.RequireCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runtime hints for what the starter (or Tomcat on its behalf) reads reflectively, for
 * Spring AOT and native images.
 */
class MtlsRuntimeHintsTests {

	@Test
	void openSslImplementationCanBeInstantiatedByName() {
		RuntimeHints hints = new RuntimeHints();
		new MtlsServerRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(OpenSslServerSupport.FFM_IMPLEMENTATION))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
	}

	@Test
	void openSslUtilCanBeCalledByNameForTheObservedContexts() {
		RuntimeHints hints = new RuntimeHints();
		new MtlsServerRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(MtlsServerRuntimeHints.OPENSSL_UTIL))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
	}

	@Test
	void methodsAndClassesAnnotatedWithRequireCertificateAreRegisteredForReflection() {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, GuardedService.class, GuardedClass.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(GuardedService.class, "payments"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(GuardedClass.class)).accepts(hints);
	}

	static class GuardedService {

		@RequireCertificate(roles = "PAYMENTS")
		public String payments() {
			return "ok";
		}

	}

	@RequireCertificate
	static class GuardedClass {

	}

}
