#!/usr/bin/env bash
# Bootstrap like NUKE's: compile build/_build.csproj into .nuke/temp/bin when something changed, then run it.
# The fast path (nothing newer than the stamp) runs the compiled program without invoking MSBuild.
set -eo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$root/build/_build.csproj"
bin="$root/.nuke/temp/bin"
stamp="$root/.nuke/temp/build.stamp"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: 'dotnet' was not found on PATH. Install the .NET SDK named in $root/global.json (https://dot.net) and retry." >&2
  exit 127
fi

# Inputs of the build program: its files outside bin/ and obj/. The stamp lists them, so a deleted or added file triggers a
# rebuild too; directory times do not count, because building a project (the tests do) creates its bin/ and touches them.
inputs=()
for path in build src Directory.Build.props Directory.Packages.props global.json; do
  [ -e "$root/$path" ] && inputs+=("$root/$path")
done
input_files() { find "${inputs[@]}" \( -name bin -o -name obj \) -prune -o -type f -print 2>/dev/null | LC_ALL=C sort; }

if [ -f "$stamp" ] && [ -f "$bin/_build.dll" ] &&
   [ -z "$(find "${inputs[@]}" \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ] &&
   [ "$(input_files)" = "$(cat "$stamp")" ]; then
  exec dotnet "$bin/_build.dll" "$@"
fi

# Slow path: make sure an installed SDK satisfies global.json before building.
if ! sdk="$(cd "$root" && dotnet --version 2>&1)"; then
  echo "error: no installed .NET SDK satisfies $root/global.json." >&2
  echo "$sdk" >&2
  echo "Installed SDKs:" >&2
  dotnet --list-sdks >&2 || true
  exit 1
fi

mkdir -p "$bin"
# The stamp's time is taken before compiling, so an edit made during the compile still triggers the next rebuild.
input_files >"$stamp.new"
if ! log="$(cd "$root" && dotnet build "$project" -o "$bin" -nologo -clp:NoSummary -v q 2>&1)"; then
  echo "$log" >&2
  echo "error: compiling $project failed (dotnet $sdk)." >&2
  rm -f "$stamp.new"
  exit 1
fi
mv -f "$stamp.new" "$stamp"

exec dotnet "$bin/_build.dll" "$@"
