package dev.mtls.sample.webflux;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.mtls.boot.auth.CertificatePrincipal;
import dev.mtls.boot.auth.RequireCertificate;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write endpoints: any accepted certificate creates a note it owns, only {@code ADMIN}
 * deletes. No CSRF token and no session: API clients send their certificate, browsers are
 * held to same-origin requests by the starter's cross-origin protection.
 */
@RestController
class NotesController {

	private final AtomicLong ids = new AtomicLong();

	private final ConcurrentMap<Long, Note> notes = new ConcurrentHashMap<>();

	@PostMapping("/api/notes")
	Mono<ResponseEntity<Note>> create(@AuthenticationPrincipal CertificatePrincipal caller,
			@RequestBody Map<String, String> body) {
		Note note = new Note(this.ids.incrementAndGet(), caller.getName(), body.getOrDefault("text", ""));
		this.notes.put(note.id(), note);
		return Mono.just(ResponseEntity.created(URI.create("/api/notes/" + note.id())).body(note));
	}

	@DeleteMapping("/api/admin/notes/{id}")
	@RequireCertificate(roles = "ADMIN")
	Mono<ResponseEntity<Void>> delete(@PathVariable long id) {
		return Mono.just((this.notes.remove(id) != null) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build());
	}

	record Note(long id, String owner, String text) {
	}

}
