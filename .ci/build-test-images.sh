#!/usr/bin/env bash
# Builds the container images the integration tests use, from one Debian
# bookworm root filesystem (debootstrap), because public image registries are
# not reachable from the CI machines. See shared/docker/README.md.
#
# Idempotent: images that `docker image inspect` already finds are not rebuilt.
#
#   local/nginx:bookworm    nginx-light        CMD nginx -g 'daemon off;'
#   local/haproxy:bookworm  haproxy            CMD haproxy -W -db -f /usr/local/etc/haproxy/haproxy.cfg
#   local/tools:bookworm    curl, openssl      CMD sleep infinity
#   local/redis:bookworm    redis-server       CMD redis-server --bind 127.0.0.1 --save '' --appendonly no
#
# Needs root (debootstrap), docker, debootstrap and a running Docker engine.
set -euo pipefail

SUITE=bookworm
PACKAGES=nginx-light,haproxy,redis-server,curl,openssl,ca-certificates
SOURCES_FILE=${DEBIAN_SOURCES_FILE:-/etc/apt/sources.list.d/debian.sources}

declare -A IMAGE_CMDS=(
	[local/nginx:bookworm]='CMD ["nginx","-g","daemon off;"]'
	[local/haproxy:bookworm]='CMD ["haproxy","-W","-db","-f","/usr/local/etc/haproxy/haproxy.cfg"]'
	[local/tools:bookworm]='CMD ["sleep","infinity"]'
	[local/redis:bookworm]='CMD ["redis-server","--bind","127.0.0.1","--save","","--appendonly","no"]'
)
IMAGES=(local/nginx:bookworm local/haproxy:bookworm local/tools:bookworm local/redis:bookworm)

log() { printf '[build-test-images] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

missing=()
for image in "${IMAGES[@]}"; do
	if docker image inspect "$image" >/dev/null 2>&1; then
		log "$image already present, skipping"
	else
		missing+=("$image")
	fi
done
if [ "${#missing[@]}" -eq 0 ]; then
	log "all images present"
	exit 0
fi

command -v debootstrap >/dev/null 2>&1 || die "debootstrap is not installed (apt-get install -y debootstrap)"
[ "$(id -u)" -eq 0 ] || die "debootstrap needs root"

# The mirror apt itself uses: first 'URIs:' line of the deb822 sources file
# (the main archive; later stanzas are security/updates).
mirror=""
if [ -r "$SOURCES_FILE" ]; then
	mirror=$(awk '/^URIs:/ { print $2; exit }' "$SOURCES_FILE")
fi
[ -n "$mirror" ] || die "could not read a 'URIs:' line from $SOURCES_FILE"

workdir=$(mktemp -d /tmp/mtls-test-images.XXXXXX)
cleanup() {
	# A failed debootstrap can leave /proc or /sys mounted inside the rootfs.
	local m
	for m in dev/pts dev sys proc; do
		if mountpoint -q "$workdir/rootfs/$m" 2>/dev/null; then
			umount -l "$workdir/rootfs/$m" || true
		fi
	done
	rm -rf --one-file-system "$workdir" || log "warning: could not remove $workdir"
}
trap cleanup EXIT
rootfs="$workdir/rootfs"

start=$SECONDS
log "debootstrap $SUITE from $mirror (packages: $PACKAGES)"
if ! debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$rootfs" "$mirror" \
	>"$workdir/debootstrap.log" 2>&1; then
	tail -n 50 "$workdir/debootstrap.log" >&2 || true
	[ -f "$rootfs/debootstrap/debootstrap.log" ] && tail -n 50 "$rootfs/debootstrap/debootstrap.log" >&2
	die "debootstrap failed"
fi
log "debootstrap done in $((SECONDS - start)) s"

# Trim: package caches, apt lists, documentation.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb \
	"$rootfs"/var/lib/apt/lists/* \
	"$rootfs"/usr/share/doc \
	"$rootfs"/usr/share/man \
	"$rootfs"/usr/share/locale \
	"$rootfs"/usr/share/info
mkdir -p "$rootfs/usr/local/etc/haproxy"
log "rootfs size after trimming: $(du -sh "$rootfs" | cut -f1)"

for image in "${missing[@]}"; do
	t=$SECONDS
	tar -C "$rootfs" -c . | docker import -c "${IMAGE_CMDS[$image]}" - "$image" >/dev/null
	log "imported $image in $((SECONDS - t)) s"
done
log "done in $((SECONDS - start)) s"
