package dev.mtls.boot.pki;

import org.jspecify.annotations.Nullable;

/**
 * Key or trust material configured through {@code mtls.*} cannot be used. Carries the
 * property at fault, what is wrong and what to do, so that
 * {@link MtlsMaterialFailureAnalyzer} can tell the operator exactly what to fix.
 */
public class MtlsMaterialException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String description;

	private final String action;

	public MtlsMaterialException(String property, String description, String action) {
		this(property, description, action, null);
	}

	public MtlsMaterialException(String property, String description, String action, @Nullable Throwable cause) {
		super(property + ": " + description, cause);
		this.property = property;
		this.description = description;
		this.action = action;
	}

	/**
	 * Return the configuration property at fault.
	 * @return the property name, e.g. {@code mtls.server.keystore.password}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return what is wrong.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return what the operator should do.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
