package dev.mtls.boot.auth;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Lets a reactive chain take back what a {@code Customizer<ServerHttpSecurity>} of the
 * starter added to it: unlike {@code HttpSecurity}, a {@link ServerHttpSecurity} cannot
 * remove a filter once added, so the starter's filters are switched off instead.
 */
final class ServerOptOut {

	// Weak keys: a built chain keeps its filters (and their switches), not its builder.
	private static final Map<ServerHttpSecurity, Map<Class<?>, AtomicBoolean>> SWITCHES = Collections
		.synchronizedMap(new WeakHashMap<>());

	private ServerOptOut() {
	}

	/**
	 * Wrap a filter that {@code owner} adds to a chain so that {@link #optOut} can switch
	 * it off.
	 */
	static WebFilter guard(ServerHttpSecurity http, Class<?> owner, WebFilter filter) {
		AtomicBoolean enabled = enabled(http, owner);
		return new GuardedFilter(enabled, filter);
	}

	static void optOut(ServerHttpSecurity http, Class<?> owner) {
		enabled(http, owner).set(false);
	}

	private static AtomicBoolean enabled(ServerHttpSecurity http, Class<?> owner) {
		return SWITCHES.computeIfAbsent(http, (key) -> Collections.synchronizedMap(new HashMap<>()))
			.computeIfAbsent(owner, (key) -> new AtomicBoolean(true));
	}

	private record GuardedFilter(AtomicBoolean enabled, WebFilter filter) implements WebFilter {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return this.enabled.get() ? this.filter.filter(exchange, chain) : chain.filter(exchange);
		}

	}

}
