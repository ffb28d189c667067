package dev.mtls.boot.openapi;

import java.util.List;

import dev.mtls.boot.auth.RequireCertificate;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Marks operations whose handler carries {@link RequireCertificate} (on the method, else
 * on its class) with the extension {@value MtlsOpenApiCustomizer#ROLES_EXTENSION}, which
 * {@link MtlsOpenApiCustomizer} turns into the security requirement: springdoc knows the
 * handler here and the path only there.
 */
final class RequireCertificateOperationCustomizer implements GlobalOperationCustomizer {

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		RequireCertificate annotation = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(),
				RequireCertificate.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(),
					RequireCertificate.class);
		}
		if (annotation != null) {
			operation.addExtension(MtlsOpenApiCustomizer.ANNOTATION_ROLES_EXTENSION, List.of(annotation.roles()));
		}
		return operation;
	}

}
