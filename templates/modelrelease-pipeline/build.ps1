#!/usr/bin/env pwsh
# Runs this repository's release host (build/), as build.sh does: it is compiled into .build/host/ when it is
# missing or when a file it is built from changed since.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repo = $PSScriptRoot
$state = Join-Path $repo '.build'
$hostDir = Join-Path $state 'host'

function Get-Sources {
    $files = @(Get-ChildItem -Path (Join-Path $repo 'build') -Recurse -File |
        Where-Object { [IO.Path]::GetRelativePath($repo, $_.FullName) -notmatch '(^|[\\/])(bin|obj)[\\/]' } |
        ForEach-Object { $_.FullName })
    foreach ($file in @('nuget.config', 'global.json', 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props')) {
        $path = Join-Path $repo $file
        if (Test-Path $path) { $files += $path }
    }
    $sorted = [string[]]$files
    [Array]::Sort($sorted, [StringComparer]::Ordinal)
    return $sorted
}

function Test-NeedsBuild {
    $stamp = Join-Path $hostDir '.stamp'
    if (-not ((Test-Path (Join-Path $hostDir 'Build.dll')) -and (Test-Path $stamp))) { return $true }
    $sources = Get-Sources
    $recorded = @(Get-Content (Join-Path $hostDir '.sources') -ErrorAction SilentlyContinue)
    if (($sources -join "`n") -ne ($recorded -join "`n")) { return $true }
    $built = (Get-Item -Force $stamp).LastWriteTimeUtc
    foreach ($file in $sources) {
        if ((Get-Item $file).LastWriteTimeUtc -gt $built) { return $true }
    }
    return $false
}

if (Test-NeedsBuild) {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('error: dotnet was not found on PATH: install the .NET 10 SDK, then run ./build.ps1 again.')
        exit 1
    }
    [Console]::Error.WriteLine('Building the release host (build/ changed)...')
    if (Test-Path $hostDir) { Remove-Item -Recurse -Force $hostDir }
    New-Item -ItemType Directory -Force -Path $hostDir | Out-Null
    # Stamped before the build: a file edited while it runs is newer, so the next call builds again.
    $pending = Join-Path $hostDir '.stamp.pending'
    New-Item -ItemType File -Path $pending -Force | Out-Null
    $log = Join-Path $state 'host-build.log'
    & dotnet build (Join-Path $repo 'build/Build.csproj') --configuration Release --output $hostDir --nologo --verbosity quiet *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine('error: building the release host failed (the log above is also in .build/host-build.log).')
        exit 1
    }
    Get-Sources | Set-Content (Join-Path $hostDir '.sources')
    Move-Item -Force $pending (Join-Path $hostDir '.stamp')
}

& dotnet (Join-Path $hostDir 'Build.dll') @args
exit $LASTEXITCODE
