using System.Security.Cryptography;
using System.Text;

namespace ModelRelease.Tests.Shared;

/// <summary>
/// A recording stand-in for the docker client, for a machine with no docker engine: a bash script named
/// <c>docker</c> in its own bin directory, put first on PATH. Each call appends its arguments (tab-separated, one
/// line per call) to calls.log and, for <c>login --password-stdin</c>, what it read on standard input to stdin.log;
/// it prints what docker prints (a digest line for push, buildx's metadata file), and fails like docker when told to.
/// </summary>
public sealed class DockerStandIn : IDisposable
{
    private const string Script = """
        #!/bin/bash
        # Recording stand-in for docker (tests only).
        dir="$(cd "$(dirname "$0")/.." && pwd)"
        (IFS=$'\t'; printf '%s\n' "$*") >> "$dir/calls.log"
        verb="$1"
        if [ "$verb" = "--config" ]; then verb="$3"; fi
        if [ "$verb" = "buildx" ]; then verb="buildx-build"; fi
        for arg in "$@"; do
          if [ "$arg" = "--password-stdin" ]; then cat >> "$dir/stdin.log"; printf '\n' >> "$dir/stdin.log"; fi
        done
        if [ -f "$dir/fail-$verb" ]; then cat "$dir/fail-$verb" >&2; exit 1; fi
        last="${@: -1}"
        digest() { printf 'sha256:%s' "$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)"; }
        case "$verb" in
          login) echo "Login Succeeded" ;;
          build) echo "writing image $(digest "build:$last") done" ;;
          tag) ;;
          push)
            repository="${last%:*}"; tag="${last##*:}"
            echo "The push refers to repository [$repository]"
            echo "$tag: digest: $(digest "$repository") size: 1570" ;;
          buildx-build)
            prev=""
            for arg in "$@"; do
              if [ "$prev" = "--metadata-file" ]; then printf '{"containerimage.digest": "%s"}\n' "$(digest "buildx:$last")" > "$arg"; fi
              prev="$arg"
            done
            echo "#1 DONE" ;;
        esac
        exit 0
        """;

    public DockerStandIn()
    {
        Directory.CreateDirectory(BinDirectory);
        var docker = Path.Combine(BinDirectory, "docker");
        File.WriteAllText(docker, Script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The stand-in's own directory: bin/docker, calls.log, stdin.log and the fail-* switches.</summary>
    public string Home { get; } = Directory.CreateTempSubdirectory("modelrelease-docker-").FullName;

    public string BinDirectory => Path.Combine(Home, "bin");

    /// <summary>PATH with the stand-in first.</summary>
    public string PathVariable => BinDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    /// <summary>Every call's arguments, in call order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls
    {
        get
        {
            var log = Path.Combine(Home, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log).Select(line => (IReadOnlyList<string>)line.Split('\t')).ToList() : [];
        }
    }

    /// <summary>What logins read on standard input, one line each.</summary>
    public string Stdin => File.Exists(Path.Combine(Home, "stdin.log")) ? File.ReadAllText(Path.Combine(Home, "stdin.log")) : "";

    /// <summary>Everything the stand-in recorded, arguments and standard input.</summary>
    public string Everything => string.Join("\n", Calls.Select(c => string.Join(" ", c))) + "\n" + Stdin;

    /// <summary>Makes every later call of <paramref name="verb"/> (build, tag, push, login, buildx-build) fail with <paramref name="message"/> on stderr.</summary>
    public void Fail(string verb, string message) => File.WriteAllText(Path.Combine(Home, "fail-" + verb), message + "\n");

    /// <summary>The digest the stand-in prints for any push to <paramref name="repository"/>.</summary>
    public static string PushDigest(string repository) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)));

    /// <summary>The digest the stand-in writes to buildx's metadata file for a build of <paramref name="path"/>.</summary>
    public static string BuildxDigest(string path) => PushDigest("buildx:" + path);

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
