#!/usr/bin/env bash
# Whole-application benchmark: the sample application (the starter) against the same
# endpoints configured by hand (bench/hand-configured) and against nginx with
# ssl_verify_client on, all on loopback. Prints server CPU per keep-alive request, server
# CPU per full TLS handshake, RSS, startup to first 200 and req/s, with the starter's
# ratios and their spread. See README.md, "Whole applications".
#
# Needs: a JDK, curl, openssl, ab (apt-get install apache2-utils) and, for the nginx
# target, nginx (apt-get install nginx-light; NGINX=false leaves it out).
#
# Settings (environment):
#   ROUNDS=6                  measured rounds; each round measures every target once, in
#                             alternating order
#   STARTS=5                  cold starts per application for the startup figure
#   KEEPALIVE_REQUESTS=20000  requests per keep-alive measurement (ab -k)
#   HANDSHAKE_REQUESTS=1000   requests per full-handshake measurement (one per connection)
#   CONCURRENCY=4             ab -c
#   WARMUP_BATCHES=20         at most this many warm-up batches per application
#   SETTLE_PERCENT=10         warm-up ends when the last 3 batches' CPU per request lie
#                             within this percentage of their median
#   JAVA_HOME                 JDK that runs both applications (default: java on the PATH)
#   JAVA_OPTS                 JVM options for both applications
#   STARTER_ARGS              extra arguments for the sample application only
#   OPENSSL=true              the sample application serves TLS with OpenSSL
#                             (mtls.server.ssl-implementation=openssl): needs JAVA_HOME on
#                             Java 22+ (e.g. Temurin 25) and libssl 3 with its libssl.so link
#                             (Debian: libssl3, libssl-dev). Tomcat's FFM classes come from
#                             TOMCAT_FFM_JAR, by default lib/tomcat-coyote-ffm.jar unpacked
#                             from the Tomcat distribution org.apache.tomcat:tomcat:
#                             $TOMCAT_FFM_VERSION (11.0.24):tar.gz by Maven; the sample then
#                             runs with Boot's PropertiesLauncher and -Dloader.path=that jar
#   JFR=starter|hand          record JFR profiles of that application's measured rounds:
#                             <target>-keepalive.jfr and <target>-handshake.jfr (the last
#                             round's); profiling costs CPU, so such a run's figures are
#                             for the profile, not for the table
#   MAVEN_ARGS                extra Maven arguments for the build, e.g.
#                             -Dmaven.repo.local=... -Dmaven.repo.local.tail=...
#   SKIP_BUILD=true           use the jars already built
#   STARTER_JAR, HAND_JAR     jars to run instead of the ones the build makes
#   NGINX=false               no nginx target
#   STARTUP_ONLY=true         only the cold starts (section 1): prints the startup rows and
#                             the classes each application had loaded at its first 200
#   OUT=file                  also write the report there
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)

ROUNDS=${ROUNDS:-6}
STARTS=${STARTS:-5}
KEEPALIVE_REQUESTS=${KEEPALIVE_REQUESTS:-20000}
HANDSHAKE_REQUESTS=${HANDSHAKE_REQUESTS:-1000}
CONCURRENCY=${CONCURRENCY:-4}
WARMUP_BATCHES=${WARMUP_BATCHES:-20}
SETTLE_PERCENT=${SETTLE_PERCENT:-10}
JAVA_CMD=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVA_OPTS=${JAVA_OPTS:-}
STARTER_ARGS=${STARTER_ARGS:-}
JFR=${JFR:-}
MAVEN_ARGS=${MAVEN_ARGS:-}
SKIP_BUILD=${SKIP_BUILD:-false}
NGINX=${NGINX:-true}
STARTUP_ONLY=${STARTUP_ONLY:-false}
[ "$STARTUP_ONLY" = true ] && NGINX=false
OUT=${OUT:-}
OPENSSL=${OPENSSL:-false}
TOMCAT_FFM_VERSION=${TOMCAT_FFM_VERSION:-11.0.24}
TOMCAT_FFM_JAR=${TOMCAT_FFM_JAR:-}

CLK_TCK=$(getconf CLK_TCK)
IN_ROUNDS=false
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA_CMD")")")/jcmd
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mtls-bench.XXXXXX")
PKI=$WORK/pki
REPORT=$WORK/report.txt

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
report() { printf '%s\n' "$*" | tee -a "$REPORT"; }

declare -A PID=() PORT=()
cleanup() {
	local name
	for name in "${!PID[@]}"; do
		if kill -0 "${PID[$name]}" 2>/dev/null; then kill "${PID[$name]}" 2>/dev/null || true; fi
	done
	wait 2>/dev/null || true
	log "logs and certificates: $WORK"
}
trap cleanup EXIT

for tool in curl openssl ab "$JAVA_CMD"; do
	command -v "$tool" >/dev/null || die "$tool not found (ab: apt-get install apache2-utils)"
done
if [ "$NGINX" = true ] && ! command -v nginx >/dev/null && ! [ -x /usr/sbin/nginx ]; then
	die "nginx not found: apt-get install nginx-light, or NGINX=false"
fi
NGINX_CMD=$(command -v nginx || echo /usr/sbin/nginx)

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- build -------------------------------------------------------------------
STARTER_JAR=${STARTER_JAR:-$REPO_ROOT/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar}
HAND_JAR=${HAND_JAR:-$BENCH_DIR/hand-configured/target/mtls-bench-hand-configured-0.1.0-SNAPSHOT.jar}
if [ "$SKIP_BUILD" != true ]; then
	log "building the sample application (with the starter from this checkout) and the hand-configured one"
	# shellcheck disable=SC2086
	(cd "$REPO_ROOT" && ./mvnw -B -q -pl sample-app -am package -DskipTests $MAVEN_ARGS)
	# shellcheck disable=SC2086
	(cd "$REPO_ROOT" && ./mvnw -B -q -f bench/hand-configured/pom.xml package $MAVEN_ARGS)
fi
[ -f "$STARTER_JAR" ] || die "$STARTER_JAR missing"
[ -f "$HAND_JAR" ] || die "$HAND_JAR missing"

# --- OpenSSL: Tomcat's FFM classes for the sample application ------------------
if [ "$OPENSSL" = true ]; then
	java_feature=$("$JAVA_CMD" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
	[ "${java_feature:-0}" -ge 22 ] || die "OPENSSL=true needs Java 22 or later (JAVA_HOME runs Java $java_feature)"
	if [ -z "$TOMCAT_FFM_JAR" ]; then
		log "unpacking lib/tomcat-coyote-ffm.jar from org.apache.tomcat:tomcat:$TOMCAT_FFM_VERSION:tar.gz"
		# shellcheck disable=SC2086
		(cd "$REPO_ROOT" && ./mvnw -B -q dependency:unpack -Dartifact="org.apache.tomcat:tomcat:$TOMCAT_FFM_VERSION:tar.gz" \
			-Dmdep.unpack.includes="apache-tomcat-$TOMCAT_FFM_VERSION/lib/tomcat-coyote-ffm.jar" \
			-DoutputDirectory="$WORK/tomcat-ffm" $MAVEN_ARGS)
		TOMCAT_FFM_JAR=$WORK/tomcat-ffm/apache-tomcat-$TOMCAT_FFM_VERSION/lib/tomcat-coyote-ffm.jar
	fi
	[ -f "$TOMCAT_FFM_JAR" ] || die "$TOMCAT_FFM_JAR missing"
fi

# --- certificates: EC P-256, CA -> server (localhost, 127.0.0.1) and client alice ---------
mkdir -p "$PKI"
(
	cd "$PKI"
	ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
	ec ca.key
	openssl req -x509 -new -key ca.key -subj "/O=mtls-bench/CN=bench CA" -days 7 -out ca.crt \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
	issue() { # name subject extensions
		ec "$1.key"
		openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
		printf '%s\n' "$3" >"$1.ext"
		openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 7 -extfile "$1.ext" \
			-out "$1.crt" 2>/dev/null
	}
	issue server "/O=mtls-bench/CN=localhost" "$(printf '%s\n' 'basicConstraints=critical,CA:FALSE' \
		'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' 'subjectAltName=DNS:localhost,IP:127.0.0.1')"
	issue alice "/O=mtls-bench/OU=payments/CN=alice" "$(printf '%s\n' 'basicConstraints=critical,CA:FALSE' \
		'keyUsage=critical,digitalSignature' 'extendedKeyUsage=clientAuth')"
	cat alice.crt alice.key >alice.pem # ab -E: certificate, then key
)

# --- targets -----------------------------------------------------------------
PORT[starter]=$(free_port)
PORT[hand]=$(free_port)
PORT[nginx]=$(free_port)
JAVA_TARGETS=(starter hand)
TARGETS=(starter hand)
[ "$NGINX" = true ] && TARGETS+=(nginx)

java_args() { # name
	local name=$1
	local opts=()
	# shellcheck disable=SC2206
	opts=($JAVA_OPTS)
	case $name in
	starter)
		local launch=(-jar "$STARTER_JAR") openssl=()
		if [ "$OPENSSL" = true ]; then
			# Tomcat's FFM code calls libssl: native access allowed, without a warning
			launch=(--enable-native-access=ALL-UNNAMED -Dloader.path="$TOMCAT_FFM_JAR" -cp "$STARTER_JAR"
				org.springframework.boot.loader.launch.PropertiesLauncher)
			openssl=(--mtls.server.ssl-implementation=openssl)
		fi
		# shellcheck disable=SC2206
		echo "${opts[@]}" "${launch[@]}" --server.port="${PORT[starter]}" --mtls.dev-pki.enabled=false "${openssl[@]}" \
			--mtls.server.keystore.certificate="file:$PKI/server.crt" \
			--mtls.server.keystore.private-key="file:$PKI/server.key" \
			--mtls.server.truststore.certificate="file:$PKI/ca.crt" \
			--mtls.clients.partner.keystore.certificate="file:$PKI/alice.crt" \
			--mtls.clients.partner.keystore.private-key="file:$PKI/alice.key" \
			--mtls.clients.partner.truststore.certificate="file:$PKI/ca.crt" \
			--management.endpoints.web.exposure.include=health,metrics $STARTER_ARGS
		;;
	hand)
		echo "${opts[@]}" -jar "$HAND_JAR" --server.port="${PORT[hand]}" --bench.pki="$PKI"
		;;
	esac
}

status_of() { # port -> HTTP status of GET /api/whoami with alice's certificate, 000 if none
	curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/alice.crt" \
		--key "$PKI/alice.key" "https://localhost:$1/api/whoami" || true
}

STARTUP_MS=0
STARTUP_CPU_MS=0
start_target() { # name ; sets PID[name] and STARTUP_MS (launch to first 200)
	local name=$1 t0 port=${PORT[$1]} deadline
	t0=$(date +%s%N)
	if [ "$name" = nginx ]; then
		"$NGINX_CMD" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx.log" 2>&1 &
	else
		# shellcheck disable=SC2046
		"$JAVA_CMD" $(java_args "$name") >>"$WORK/$name.log" 2>&1 &
	fi
	PID[$name]=$!
	deadline=$((SECONDS + 180))
	while :; do
		kill -0 "${PID[$name]}" 2>/dev/null || { tail -n 40 "$WORK/$name.log" >&2; die "$name exited during startup"; }
		[ $SECONDS -lt $deadline ] || die "$name did not answer 200 within 180 s (log: $WORK/$name.log)"
		# connect() first: cheap, no process, so polling does not slow the start it measures
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			local status
			status=$(status_of "$port")
			if [ "$status" = 200 ]; then break; fi
			[ "$status" = 000 ] || die "$name answered $status to a request with a valid client certificate"
		fi
		sleep 0.02
	done
	STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
	STARTUP_CPU_MS=$(($(cpu_ticks "${PID[$name]}") * 1000 / CLK_TCK))
	STARTUP_CLASSES=0
	if [ "$STARTUP_ONLY" = true ]; then # after the CPU figure: jcmd costs the target some CPU
		STARTUP_CLASSES=$("$JCMD" "${PID[$name]}" PerfCounter.print 2>/dev/null |
			awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { n += $2 } END { print n + 0 }')
	fi
}

stop_target() {
	local name=$1
	kill "${PID[$name]}" 2>/dev/null || true
	wait "${PID[$name]}" 2>/dev/null || true
	unset 'PID[$name]'
}

cpu_ticks() { # utime + stime of a process, in clock ticks
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

rss_mb() {
	awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# Runs ab against a target; prints "<server CPU µs per request> <req/s>". Fails unless every
# request completed with a 2xx, which on these endpoints needs an accepted certificate.
measure() { # name keepalive|handshake requests
	local name=$1 mode=$2 n=$3 before after out=$WORK/ab-$1-$2.txt keep=()
	[ "$mode" = keepalive ] && keep=(-k)
	local profiling=false
	if [ "$name" = "$JFR" ] && [ "$IN_ROUNDS" = true ]; then profiling=true; fi
	[ $profiling = true ] && "$JCMD" "${PID[$name]}" JFR.start name="$mode" settings=profile >/dev/null
	before=$(cpu_ticks "${PID[$name]}")
	ab -q "${keep[@]}" -n "$n" -c "$CONCURRENCY" -E "$PKI/alice.pem" \
		"https://127.0.0.1:${PORT[$name]}/api/whoami" >"$out" 2>&1 || { cat "$out" >&2; die "ab failed on $name"; }
	after=$(cpu_ticks "${PID[$name]}")
	if [ $profiling = true ]; then
		"$JCMD" "${PID[$name]}" JFR.stop name="$mode" filename="$WORK/$name-$mode.jfr" >/dev/null
	fi
	local complete failed non2xx keepalive
	complete=$(awk '/^Complete requests:/ { print $3 }' "$out")
	failed=$(awk '/^Failed requests:/ { print $3 }' "$out")
	non2xx=$(awk '/^Non-2xx responses:/ { print $3 }' "$out")
	keepalive=$(awk '/^Keep-Alive requests:/ { print $3 }' "$out")
	if [ "$complete" != "$n" ] || [ "$failed" != 0 ] || [ -n "$non2xx" ]; then
		cat "$out" >&2
		die "$name $mode: $complete of $n complete, $failed failed, ${non2xx:-0} non-2xx"
	fi
	if [ "$mode" = handshake ] && [ "${keepalive:-0}" != 0 ]; then die "$name: connections were kept alive"; fi
	awk -v t="$((after - before))" -v hz="$CLK_TCK" -v n="$n" -v rps="$(awk '/^Requests per second:/ { print $4 }' "$out")" \
		'BEGIN { printf "%.1f %.0f\n", t * 1e6 / hz / n, rps }'
}

# median, min and max of the numbers given as arguments: "median min max"
stats() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		f = (v[NR] < 10 && v[1] > -10) ? "%.2f %.2f %.2f\n" : "%.0f %.0f %.0f\n"
		printf f, m, v[1], v[NR] }'
}

fmt() { # "median min max" -> "median (min–max)"
	local m mn mx
	read -r m mn mx <<<"$1"
	printf '%s (%s–%s)' "$m" "$mn" "$mx"
}
signed() { # "median min max" -> "+median (+min–+max)"
	local m mn mx
	read -r m mn mx <<<"$1"
	printf '%+d (%+d–%+d)' "$m" "$mn" "$mx"
}
startup_row() { # label array-name [unit]
	local -n values=$2
	local unit=${3:-ms}
	local diffs=() s_all h_all smin hmin i
	# shellcheck disable=SC2206
	s_all=(${values[starter]}) h_all=(${values[hand]})
	for i in "${!s_all[@]}"; do diffs+=($((s_all[i] - h_all[i]))); done
	read -r _ smin _ <<<"$(stats "${s_all[@]}")"
	read -r _ hmin _ <<<"$(stats "${h_all[@]}")"
	report "| $1 | $(fmt "$(stats "${s_all[@]}")") | $(fmt "$(stats "${h_all[@]}")") | | $(signed "$(stats "${diffs[@]}")") $unit per pair; fastest $(printf '%+d' $((smin - hmin))) $unit | |"
}

# --- nginx configuration -----------------------------------------------------
if [ "$NGINX" = true ]; then
	mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
	cat >"$WORK/nginx/nginx.conf" <<-EOF
		# one process, so its CPU is the server's CPU
		master_process off;
		daemon off;
		pid $WORK/nginx/nginx.pid;
		error_log $WORK/nginx/logs/error.log warn;
		events { worker_connections 1024; }
		http {
		    access_log off;
		    client_body_temp_path $WORK/nginx/tmp/body;
		    proxy_temp_path $WORK/nginx/tmp/proxy;
		    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
		    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
		    scgi_temp_path $WORK/nginx/tmp/scgi;
		    server {
		        listen 127.0.0.1:${PORT[nginx]} ssl;
		        ssl_protocols TLSv1.2 TLSv1.3;
		        ssl_certificate $PKI/server.crt;
		        ssl_certificate_key $PKI/server.key;
		        ssl_client_certificate $PKI/ca.crt;
		        ssl_verify_client on;
		        location = /api/whoami {
		            default_type application/json;
		            return 200 '{"principal":"\$ssl_client_s_dn","serial":"\$ssl_client_serial"}';
		        }
		    }
		}
	EOF
fi

# --- report header -------------------------------------------------------------
report "# mtls-spring-boot: starter vs hand-configured vs nginx ($(date -u +%Y-%m-%dT%H:%MZ))"
report "java: $("$JAVA_CMD" -version 2>&1 | sed -n 2p)"
report "JAVA_OPTS='$JAVA_OPTS' STARTER_ARGS='$STARTER_ARGS' OPENSSL=$OPENSSL${TOMCAT_FFM_JAR:+ ($(basename "$TOMCAT_FFM_JAR") $TOMCAT_FFM_VERSION)}"
report "nproc $(nproc), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
report "rounds $ROUNDS, starts $STARTS, keep-alive $KEEPALIVE_REQUESTS req, handshake $HANDSHAKE_REQUESTS req, ab -c $CONCURRENCY"

# --- 1. startup: cold starts, alternating order ------------------------------
declare -A STARTUPS=() STARTUP_CPUS=() STARTUP_CLASS_COUNTS=()
for i in $(seq 1 "$STARTS"); do
	order=(starter hand)
	[ $((i % 2)) -eq 0 ] && order=(hand starter)
	for name in "${order[@]}"; do
		start_target "$name"
		STARTUPS[$name]+="$STARTUP_MS "
		STARTUP_CPUS[$name]+="$STARTUP_CPU_MS "
		STARTUP_CLASS_COUNTS[$name]+="$STARTUP_CLASSES "
		log "start $i $name: first 200 after $STARTUP_MS ms, $STARTUP_CPU_MS ms of CPU"
		stop_target "$name"
	done
done

if [ "$STARTUP_ONLY" = true ]; then
	report ""
	report "Medians over $STARTS cold starts each, (min–max) in brackets; differences are per pair (starter − hand-configured, started one after the other)."
	report ""
	report "| figure | starter (sample app) | hand-configured | | starter − hand | |"
	report "|---|---:|---:|---|---:|---|"
	startup_row "startup to first 200, wall-clock ms" STARTUPS
	startup_row "startup to first 200, CPU ms of the process" STARTUP_CPUS
	startup_row "classes loaded at the first 200" STARTUP_CLASS_COUNTS classes
	report ""
	report "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	if [ -n "$OUT" ]; then cp "$REPORT" "$OUT"; log "report written to $OUT"; fi
	exit 0
fi

# --- 2. warm-up until the JIT settles ------------------------------------------
for name in "${TARGETS[@]}"; do
	start_target "$name"
	log "$name running (pid ${PID[$name]}, port ${PORT[$name]})"
done
declare -A WARM=() SETTLED=()
for batch in $(seq 1 "$WARMUP_BATCHES"); do
	pending=0
	for name in "${JAVA_TARGETS[@]}"; do
		[ -n "${SETTLED[$name]:-}" ] && continue
		pending=1
		res=$(measure "$name" keepalive 5000)
		cpu=${res% *}
		measure "$name" handshake 200 >/dev/null
		WARM[$name]+="$cpu "
		log "warm-up $batch $name: $cpu µs/keep-alive request"
		# shellcheck disable=SC2206
		last=(${WARM[$name]})
		if [ ${#last[@]} -ge 3 ]; then
			read -r med mn mx < <(stats "${last[@]: -3}")
			if awk -v med="$med" -v mn="$mn" -v mx="$mx" -v p="$SETTLE_PERCENT" \
				'BEGIN { exit !((mx - med) <= med * p / 100 && (med - mn) <= med * p / 100) }'; then
				SETTLED[$name]=$batch
			fi
		fi
	done
	[ $pending -eq 1 ] || break
done
for name in "${JAVA_TARGETS[@]}"; do
	if [ -z "${SETTLED[$name]:-}" ]; then
		SETTLED[$name]="not settled after $WARMUP_BATCHES"
		log "WARNING: $name did not settle within $WARMUP_BATCHES warm-up batches"
	fi
done
[ "$NGINX" = true ] && measure nginx keepalive 5000 >/dev/null && measure nginx handshake 200 >/dev/null

# --- 3. measured rounds --------------------------------------------------------
IN_ROUNDS=true
declare -A KA=() HS=() KARPS=() HSRPS=() RSS=()
RATIO_KA=() RATIO_HS=() RATIO_HS_NGINX=() RATIO_RSS=() LOADS=()
for round in $(seq 1 "$ROUNDS"); do
	order=("${TARGETS[@]}")
	if [ $((round % 2)) -eq 0 ]; then order=(hand starter); [ "$NGINX" = true ] && order=(nginx "${order[@]}"); fi
	declare -A ka=() hs=() rss=()
	for name in "${order[@]}"; do
		res=$(measure "$name" keepalive "$KEEPALIVE_REQUESTS")
		ka[$name]=${res% *}
		KARPS[$name]+="${res#* } "
		res=$(measure "$name" handshake "$HANDSHAKE_REQUESTS")
		hs[$name]=${res% *}
		HSRPS[$name]+="${res#* } "
		KA[$name]+="${ka[$name]} "
		HS[$name]+="${hs[$name]} "
		rss[$name]=$(rss_mb "${PID[$name]}")
		RSS[$name]+="${rss[$name]} "
	done
	RATIO_RSS+=("$(awk -v a="${rss[starter]}" -v b="${rss[hand]}" 'BEGIN { printf "%.3f", a / b }')")
	RATIO_KA+=("$(awk -v a="${ka[starter]}" -v b="${ka[hand]}" 'BEGIN { printf "%.3f", a / b }')")
	RATIO_HS+=("$(awk -v a="${hs[starter]}" -v b="${hs[hand]}" 'BEGIN { printf "%.3f", a / b }')")
	if [ "$NGINX" = true ]; then
		RATIO_HS_NGINX+=("$(awk -v a="${hs[starter]}" -v b="${hs[nginx]}" 'BEGIN { printf "%.3f", a / b }')")
	fi
	LOADS+=("$(cut -d' ' -f1 /proc/loadavg)")
	log "round $round: keep-alive µs starter ${ka[starter]} hand ${ka[hand]}${ka[nginx]:+ nginx ${ka[nginx]}};" \
		"handshake µs starter ${hs[starter]} hand ${hs[hand]}${hs[nginx]:+ nginx ${hs[nginx]}}; load $(cut -d' ' -f1 /proc/loadavg)"
	unset ka hs rss
done

# --- 4. report -----------------------------------------------------------------
col() { # metric-array-name target
	local -n arr=$1
	# shellcheck disable=SC2086
	[ -n "${arr[$2]:-}" ] && fmt "$(stats ${arr[$2]})" || printf 'n/a'
}
report ""
report "warm-up: starter settled after batch ${SETTLED[starter]}, hand-configured after batch ${SETTLED[hand]} (5,000 keep-alive + 200 handshake requests per batch)"
report "load average (1 min) after each round: ${LOADS[*]}"
report ""
report "Medians over $ROUNDS rounds, (min–max) in brackets; ratios are per round (starter / hand-configured in the same round)."
report ""
report "| figure | starter (sample app) | hand-configured | nginx | starter / hand | starter / nginx |"
report "|---|---:|---:|---:|---:|---:|"
report "| server CPU per keep-alive request, µs | $(col KA starter) | $(col KA hand) | $(col KA nginx) | $(fmt "$(stats "${RATIO_KA[@]}")") | |"
report "| server CPU per full handshake, µs | $(col HS starter) | $(col HS hand) | $(col HS nginx) | $(fmt "$(stats "${RATIO_HS[@]}")") | ${RATIO_HS_NGINX[*]:+$(fmt "$(stats "${RATIO_HS_NGINX[@]}")")} |"
report "| RSS after each round, MB | $(col RSS starter) | $(col RSS hand) | $(col RSS nginx) | $(fmt "$(stats "${RATIO_RSS[@]}")") | |"
startup_row "startup to first 200, wall-clock ms ($STARTS cold starts each, alternating)" STARTUPS
startup_row "startup to first 200, CPU ms of the process" STARTUP_CPUS
report "| keep-alive req/s (information) | $(col KARPS starter) | $(col KARPS hand) | $(col KARPS nginx) | | |"
report "| full-handshake req/s (information) | $(col HSRPS starter) | $(col HSRPS hand) | $(col HSRPS nginx) | | |"
report ""
report "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$JFR" ] && report "JFR recordings of $JFR (last round): $WORK/$JFR-keepalive.jfr $WORK/$JFR-handshake.jfr"
if [ -n "$OUT" ]; then cp "$REPORT" "$OUT"; log "report written to $OUT"; fi
