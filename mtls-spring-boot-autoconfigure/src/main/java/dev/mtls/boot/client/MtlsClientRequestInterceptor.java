package dev.mtls.boot.client;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reports TLS trust and identity failures of a blocking client as an
 * {@link MtlsClientException} naming the client, the URL and the cause.
 */
final class MtlsClientRequestInterceptor implements ClientHttpRequestInterceptor {

	private final CallFailureDiagnosis diagnosis;

	MtlsClientRequestInterceptor(MtlsClient client) {
		this.diagnosis = client.diagnosis();
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
			throw (explained != null) ? explained : ex;
		}
		MtlsClientException explained = this.diagnosis.diagnoseStatus(request.getURI(),
				response.getStatusCode().value());
		if (explained != null) {
			response.close();
			throw explained;
		}
		return response;
	}

}
