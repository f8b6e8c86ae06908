#!/usr/bin/env pwsh
# Runs the build host; the same behaviour as build.sh. The host is compiled only when a source or project file
# changed since the last build. Each build goes to a new folder .build/host-<time>-<pid>/ and .build/host.current
# is switched to it, so a host that is still running never sees its DLLs overwritten.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repo = $PSScriptRoot
$state = Join-Path $repo '.build'
$pointer = Join-Path $state 'host.current'

function Get-CurrentHost {
    if (-not (Test-Path $pointer)) { return $null }
    $dir = Join-Path $state ((Get-Content -Raw $pointer).Trim())
    if ((Test-Path (Join-Path $dir 'Build.dll')) -and (Test-Path (Join-Path $dir '.stamp'))) { return $dir }
    return $null
}

# Every file the host is built from, in a stable order.
function Get-Sources {
    $extensions = @('.cs', '.csproj', '.props', '.targets', '.json')
    $files = foreach ($dir in @('build', 'src', 'pipelines')) {
        $root = Join-Path $repo $dir
        if (-not (Test-Path $root)) { continue }
        Get-ChildItem -Path $root -Recurse -File | Where-Object {
            $relative = [IO.Path]::GetRelativePath($repo, $_.FullName)
            # The sample model is embedded in the pipelines assembly, so every file of it counts.
            (($extensions -contains $_.Extension) -or ($relative -match '^pipelines[\\/]samples[\\/]')) -and ($relative -notmatch '(^|[\\/])(bin|obj)[\\/]')
        } | ForEach-Object { $_.FullName }
    }
    foreach ($file in @('Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json')) {
        $path = Join-Path $repo $file
        if (Test-Path $path) { $files += $path }
    }
    # Ordinal order, the same as build.sh's `LC_ALL=C sort`, so either script recognises the other's build.
    $sorted = [string[]]@($files)
    [Array]::Sort($sorted, [StringComparer]::Ordinal)
    return $sorted
}

function Test-NeedsBuild {
    $hostDir = Get-CurrentHost
    if (-not $hostDir) { return $true }
    $sources = Get-Sources
    $recorded = @(Get-Content (Join-Path $hostDir '.sources') -ErrorAction SilentlyContinue)
    if (($sources -join "`n") -ne ($recorded -join "`n")) { return $true }
    $stamp = (Get-Item -Force (Join-Path $hostDir '.stamp')).LastWriteTimeUtc
    foreach ($file in $sources) {
        if ((Get-Item $file).LastWriteTimeUtc -gt $stamp) { return $true }
    }
    return $false
}

function Invoke-HostBuild {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('error: dotnet was not found on PATH: install the .NET 10 SDK, then run ./build.ps1 again.')
        exit 1
    }
    [Console]::Error.WriteLine('Building the build host (sources changed)...')
    $name = 'host-{0}-{1}' -f [DateTime]::UtcNow.ToString('yyyyMMddHHmmss'), $PID
    $dir = Join-Path $state $name
    $log = Join-Path $state 'host-build.log'
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    # Stamped before the build starts: a file edited while MSBuild runs is newer, so the next call rebuilds.
    New-Item -ItemType File -Path (Join-Path $dir '.stamp') -Force | Out-Null
    Get-Sources | Set-Content (Join-Path $dir '.sources')
    # Published ReadyToRun for this machine's runtime, as build.sh does: a warm start runs precompiled code. OutputPath
    # keeps the projects' own build output in .build/ (publish would otherwise leave bin/ folders all over src/).
    & dotnet publish (Join-Path $repo 'build/Build.csproj') --configuration Release --use-current-runtime --self-contained false `
        -p:PublishReadyToRun=true "-p:OutputPath=$(Join-Path $state 'host-bin')/" --output $dir --nologo --verbosity quiet *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        Remove-Item -Recurse -Force $dir
        [Console]::Error.WriteLine("error: building the build host failed (the log above is also in $log).")
        exit 1
    }
    $old = Get-CurrentHost
    Set-Content -Path "$pointer.$PID" -Value $name
    Move-Item -Force "$pointer.$PID" $pointer
    # The replaced build may still be in use; delete it only an hour after it was replaced.
    if ($old) { New-Item -ItemType File -Force -Path (Join-Path $old '.superseded') | Out-Null }
    Get-ChildItem -Path $state -Directory -Filter 'host-*' | ForEach-Object {
        $marker = Join-Path $_.FullName '.superseded'
        if ((Test-Path $marker) -and (Get-Item -Force $marker).LastWriteTimeUtc -lt [DateTime]::UtcNow.AddHours(-1)) {
            Remove-Item -Recurse -Force $_.FullName -ErrorAction SilentlyContinue
        }
    }
}

if (Test-NeedsBuild) {
    New-Item -ItemType Directory -Force -Path $state | Out-Null
    # Two jobs starting at once must not build together: hold an exclusive handle on the lock file while building.
    $lockPath = Join-Path $state 'host.lock'
    $lock = $null
    while (-not $lock) {
        try { $lock = [IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [IO.IOException] { Start-Sleep -Milliseconds 200 }
    }
    try {
        if (Test-NeedsBuild) { Invoke-HostBuild }
    }
    finally {
        $lock.Dispose()
    }
}

# Run as a file (`dotnet pwsh ./build.ps1 …`, `pwsh -File build.ps1 …`), PowerShell binds an argument that starts with
# '-' like a parameter and splits it at its first ':', so --since=2026-11-28T09:30:00Z reaches $args as
# '--since=2026-11-28T09' and '30:00Z'. The process's own command line still holds every argument intact: when this
# script is the file pwsh was started with, and those arguments are $args but for the split (equal once every ':' is
# dropped), they are passed on instead. Called from a PowerShell session, $args is already intact.
function Get-HostArguments([string] $script, [object[]] $bound) {
    $line = [Environment]::GetCommandLineArgs()
    for ($i = 1; $i -lt $line.Count; $i++) {
        $full = try { [IO.Path]::GetFullPath($line[$i]) } catch { $null }
        if ($full -ne $script) { continue }
        $rest = [string[]]@($line | Select-Object -Skip ($i + 1))
        if ((($rest -join '') -replace ':', '') -ceq (($bound -join '') -replace ':', '')) { return ,$rest }
        break
    }
    return ,([string[]]@($bound))
}

# The name JitProfile.ProfileName (ModelRelease.Cake) gives this command's multi-core JIT profile, as build.sh's
# jit_profile_name does: its targets joined with '+', else tree, help, description or default; ASCII letters
# lower-cased, anything but letters, digits, '-' and '+' made '_', at most 80 characters.
function Get-JitProfileName([string[]] $arguments) {
    $targets = [Collections.Generic.List[string]]::new()
    $mode = 'default'
    for ($i = 0; $i -lt $arguments.Count; $i++) {
        $arg = $arguments[$i]
        if (($arg -ceq '-t' -or $arg -ceq '--target') -and $i + 1 -lt $arguments.Count) { $i++; $targets.Add($arguments[$i]) }
        elseif ($arg.StartsWith('--target=', [StringComparison]::Ordinal) -or $arg.StartsWith('-t=', [StringComparison]::Ordinal)) {
            $targets.Add($arg.Substring($arg.IndexOf('=') + 1))
        }
        elseif ($arg -ceq '--tree' -or $arg -ceq '--help' -or $arg -ceq '--description') { $mode = $arg.Substring(2) }
        elseif ($arg -ceq '-h') { $mode = 'help' }
    }
    $name = if ($targets.Count -gt 0) { $targets -join '+' } else { $mode }
    $chars = foreach ($c in $name.ToCharArray()) {
        if ([char]::IsAsciiLetterOrDigit($c) -or $c -eq '-' -or $c -eq '+') { [char]::ToLowerInvariant($c) } else { '_' }
    }
    $profileName = -join $chars
    return $profileName.Substring(0, [Math]::Min(80, $profileName.Length))
}

$hostArguments = Get-HostArguments $PSCommandPath @($args)
$currentHost = Get-CurrentHost
# Multi-core JIT profiles live in the host build they describe (see JitProfile in ModelRelease.Cake). A command's
# profile is recorded on its first run in this build and only replayed after that (see build.sh).
$env:MODELRELEASE_JIT_PROFILE_DIR = Join-Path $currentHost 'jit-profiles'
$jitProfile = Join-Path $env:MODELRELEASE_JIT_PROFILE_DIR ((Get-JitProfileName $hostArguments) + '.jitprofile')
$replayOnly = (Test-Path -LiteralPath $jitProfile -PathType Leaf) -and (Get-Item -LiteralPath $jitProfile).Length -gt 0
if ($replayOnly) { $env:DOTNET_MultiCoreJitNoProfileGather = '1' }
try {
    & dotnet (Join-Path $currentHost 'Build.dll') @hostArguments
}
finally {
    # Called from a PowerShell session, the variables would outlive the call in it.
    if ($replayOnly) { Remove-Item Env:DOTNET_MultiCoreJitNoProfileGather -ErrorAction Ignore }
}
exit $LASTEXITCODE
