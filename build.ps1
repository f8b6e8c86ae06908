#!/usr/bin/env pwsh
# Runs the build host. The host is compiled only when a source or project file is newer than it, so a warm
# call costs the host's start-up, not an MSBuild run. Same behaviour as build.sh.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repo = $PSScriptRoot
$out = Join-Path $repo '.build/host'
$hostDll = Join-Path $out 'Build.dll'

function Test-NeedsBuild {
    if (-not (Test-Path $hostDll)) { return $true }
    $built = (Get-Item $hostDll).LastWriteTimeUtc
    $patterns = @('*.cs', '*.csproj', '*.props', '*.targets', '*.json')
    foreach ($dir in @('build', 'src', 'pipelines')) {
        $newer = Get-ChildItem -Path (Join-Path $repo $dir) -Recurse -File -Include $patterns |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $built } |
            Select-Object -First 1
        if ($newer) { return $true }
    }
    foreach ($file in @('Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json')) {
        $path = Join-Path $repo $file
        if ((Test-Path $path) -and (Get-Item $path).LastWriteTimeUtc -gt $built) { return $true }
    }
    return $false
}

if (Test-NeedsBuild) {
    Write-Host 'Building the build host (sources changed)...'
    New-Item -ItemType Directory -Force -Path (Join-Path $repo '.build') | Out-Null
    $log = Join-Path $repo '.build/host-build.log'
    & dotnet build (Join-Path $repo 'build/Build.csproj') --configuration Release --output $out --nologo --verbosity quiet *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Write-Host
        Write-Error "the build host did not compile (full log: $log)."
        exit 1
    }
    (Get-Item $hostDll).LastWriteTimeUtc = [DateTime]::UtcNow
}

& dotnet $hostDll @args
exit $LASTEXITCODE
