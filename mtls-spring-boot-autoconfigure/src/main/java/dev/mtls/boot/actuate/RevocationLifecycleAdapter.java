package dev.mtls.boot.actuate;

import java.util.Locale;

import dev.mtls.boot.revocation.PkixChainVerifier;
import dev.mtls.boot.revocation.RevocationCheckListener;
import dev.mtls.boot.revocation.RevocationMode;

/**
 * Reports revocation checks and the state of their sources into the
 * {@link MtlsLifecycleRecorder}.
 */
class RevocationLifecycleAdapter implements RevocationCheckListener {

	private final MtlsLifecycleRecorder recorder;

	RevocationLifecycleAdapter(MtlsLifecycleRecorder recorder, RevocationMode mode) {
		this.recorder = recorder;
		if (mode != RevocationMode.NONE) {
			recorder.revocationEnabled(modeName(mode));
		}
	}

	@Override
	public void revocationChecked(RevocationMode mode, String result, PkixChainVerifier verifier) {
		this.recorder.revocationChecked(switch (result) {
			case "good" -> MtlsLifecycleRecorder.REVOCATION_GOOD;
			case "revoked" -> MtlsLifecycleRecorder.REVOCATION_REVOKED;
			case "unknown" -> MtlsLifecycleRecorder.REVOCATION_UNKNOWN;
			default -> MtlsLifecycleRecorder.REVOCATION_ERROR;
		});
		this.recorder.revocationSources(verifier.getCrlNextUpdate(), verifier.getOcspCacheSize());
	}

	@Override
	public void revocationSourcesChanged(PkixChainVerifier verifier) {
		this.recorder.revocationSources(verifier.getCrlNextUpdate(), verifier.getOcspCacheSize());
	}

	static String modeName(RevocationMode mode) {
		return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
