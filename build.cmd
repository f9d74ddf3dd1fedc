@echo off
:: Bootstrap like NUKE's: compile build\_build.csproj into .nuke\temp\bin when something changed, then run it.
:: The fast path (no input newer than the stamp) runs the compiled program without invoking MSBuild.
setlocal EnableExtensions EnableDelayedExpansion

set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "PROJECT=%ROOT%\build\_build.csproj"
set "BIN=%ROOT%\.nuke\temp\bin"
set "STAMP=%ROOT%\.nuke\temp\build.stamp"

where dotnet >nul 2>&1
if errorlevel 1 (
  echo error: 'dotnet' was not found on PATH. Install the .NET SDK named in %ROOT%\global.json ^(https://dot.net^) and retry. 1>&2
  exit /b 127
)

:: PowerShell compares write times of every input (files and directories, bin and obj excluded) with the stamp.
if exist "%STAMP%" if exist "%BIN%\_build.dll" (
  powershell -NoProfile -NonInteractive -Command ^
    "$s=(Get-Item -LiteralPath '%STAMP%').LastWriteTimeUtc;" ^
    "$paths='build','src','Directory.Build.props','Directory.Packages.props','global.json' | ForEach-Object { Join-Path '%ROOT%' $_ } | Where-Object { Test-Path $_ };" ^
    "$items=@(Get-Item -LiteralPath $paths) + @(Get-ChildItem -LiteralPath $paths -Recurse -Force -ErrorAction SilentlyContinue | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' });" ^
    "if ($items | Where-Object { $_.LastWriteTimeUtc -gt $s } | Select-Object -First 1) { exit 1 } else { exit 0 }"
  if not errorlevel 1 (
    dotnet "%BIN%\_build.dll" %*
    exit /b !errorlevel!
  )
)

pushd "%ROOT%"
dotnet --version >nul 2>&1
if errorlevel 1 (
  echo error: no installed .NET SDK satisfies %ROOT%\global.json. 1>&2
  dotnet --version 1>&2
  dotnet --list-sdks 1>&2
  popd
  exit /b 1
)

if not exist "%BIN%" mkdir "%BIN%"
type nul > "%STAMP%.new"
set "LOG=%TEMP%\kiln-build-%RANDOM%.log"
dotnet build "%PROJECT%" -o "%BIN%" -nologo -clp:NoSummary -v q > "%LOG%" 2>&1
if errorlevel 1 (
  type "%LOG%" 1>&2
  del "%LOG%" "%STAMP%.new" >nul 2>&1
  echo error: compiling %PROJECT% failed. 1>&2
  popd
  exit /b 1
)
del "%LOG%" >nul 2>&1
move /y "%STAMP%.new" "%STAMP%" >nul
popd

dotnet "%BIN%\_build.dll" %*
exit /b %errorlevel%
