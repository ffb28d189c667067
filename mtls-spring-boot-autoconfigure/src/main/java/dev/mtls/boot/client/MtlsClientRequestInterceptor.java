package dev.mtls.boot.client;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reports TLS trust and identity failures of a blocking client as an
 * {@link MtlsClientException} naming the client, the URL and the cause, and tells the
 * {@link MtlsClientRequestListener} beans how each request ended.
 */
final class MtlsClientRequestInterceptor implements ClientHttpRequestInterceptor {

	private final MtlsClient client;

	private final CallFailureDiagnosis diagnosis;

	private final ClientRequestListeners listeners;

	MtlsClientRequestInterceptor(MtlsClient client, ClientRequestListeners listeners) {
		this.client = client;
		this.diagnosis = client.diagnosis();
		this.listeners = listeners;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException ex) {
			MtlsClientException explained = this.diagnosis.diagnose(request.getURI(), ex);
			if (explained != null) {
				this.listeners.refused(this.client, null, explained);
				throw explained;
			}
			this.listeners.failed(this.client, ex);
			throw ex;
		}
		int status = response.getStatusCode().value();
		MtlsClientException explained = this.diagnosis.diagnoseStatus(request.getURI(), status);
		if (explained != null) {
			response.close();
			this.listeners.refused(this.client, status, explained);
			throw explained;
		}
		this.listeners.responded(this.client, status);
		return response;
	}

}
