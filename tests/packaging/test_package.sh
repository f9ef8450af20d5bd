#!/bin/sh
# Builds the .deb with CPack, checks its metadata and files, installs it into
# a scratch root and runs both binaries' --version from there.
# usage: test_package.sh BUILD_DIR [ALLOCATOR]
# ALLOCATOR: "mimalloc" where the programs link it, so the package must depend on it.
set -eu
build=$1
allocator=${2:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cpack -G DEB -B "$scratch/out" --config "$build/CPackConfig.cmake" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log"; exit 1; }
deb=$(ls "$scratch"/out/*.deb)
echo "package: $(basename "$deb"), $(du -h "$deb" | cut -f1)"

fail() { echo "FAIL: $*"; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
echo "depends: $depends"
for dependency in libtorch libqt6widgets6 libqt6svg6 qt6-qpa-plugins fonts-dejavu-core \
  ${allocator:+lib$allocator}; do
  echo "$depends" | grep -q "$dependency" || fail "Depends lacks $dependency"
done

root=$scratch/root
dpkg-deb -x "$deb" "$root"
for file in usr/bin/memlens usr/bin/memlens-cli \
  usr/share/applications/io.github.memlens.MemLens.desktop \
  usr/share/metainfo/io.github.memlens.MemLens.metainfo.xml \
  usr/share/icons/hicolor/scalable/apps/io.github.memlens.MemLens.svg \
  usr/share/mime/packages/memlens-trace.xml \
  usr/share/memlens/lessons/01-inplace-vs-normal-addition.py; do
  [ -e "$root/$file" ] || fail "missing /$file"
done

version=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/memlens" --version)
case $version in
  "memlens $(dpkg-deb -f "$deb" Version) ("*")") ;;
  *) fail "memlens --version: $version" ;;
esac
case $version in
  *"(${allocator}"*) ;;
  *) fail "memlens --version names another malloc than $allocator: $version" ;;
esac
cli_version=$("$root/usr/bin/memlens-cli" --version)
echo "$cli_version" | grep -q "$(dpkg-deb -f "$deb" Version)" || fail "memlens-cli --version: $cli_version"
echo "$version; $cli_version"

desktop-file-validate "$root/usr/share/applications/io.github.memlens.MemLens.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.memlens.MemLens.metainfo.xml"
xmllint --noout "$root/usr/share/icons/hicolor/scalable/apps/io.github.memlens.MemLens.svg"
# The MIME database built from the package knows trace files.
update-mime-database "$root/usr/share/mime"
grep -q "application/x-memlens-trace+json" "$root/usr/share/mime/types" ||
  fail "MIME type not registered"
echo "package OK"
