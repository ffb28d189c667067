package dev.mtls.bench.hand;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What a Spring Security user writes for certificate authentication: the common name is
 * the user name, every caller gets USER and {@code admin-client} also ADMIN (the
 * sample's {@code mtls.auth.*} settings).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users) {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.x509((x509) -> x509.subjectPrincipalRegex("CN=(.*?)(?:,|$)").userDetailsService(users));
		return http.build();
	}

	@Bean
	UserDetailsService certificateUsers() {
		return (name) -> User.withUsername(name)
			.password("")
			.authorities(name.equals("admin-client")
					? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
					: List.of(new SimpleGrantedAuthority("ROLE_USER")))
			.build();
	}

}
