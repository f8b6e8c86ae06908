using System.Runtime;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Multi-core JIT for the host's start: the runtime records which methods a command compiled, and on the next run of
/// the same command compiles them on a second core ahead of the main thread (a rollback starts ~60 ms sooner on two
/// cores). ReadyToRun cannot cover all of them: generic code over the host's own value types, and code the packages
/// emit, is compiled at run time.
/// </summary>
/// <remarks>
/// On only when the launcher names a folder in <see cref="DirectoryVariable"/>: build.sh passes a folder inside the
/// host build it runs, so a profile never outlives the binaries it describes. The variable is cleared at once, so a
/// process the host starts (a test host, another build) never records into it. One profile per command (target
/// names, or tree/help), and one process at a time per profile: the runtime writes the file as the process exits,
/// so a second run of the same command while the first holds the profile's lock runs without one rather than read
/// a file half written. Once a command's profile exists, build.sh sets <see cref="ReplayOnlyVariable"/> and the
/// runtime only replays it: rewriting it on every exit cost more than replaying it saved.
/// </remarks>
internal static class JitProfile
{
    public const string DirectoryVariable = "MODELRELEASE_JIT_PROFILE_DIR";

    /// <summary>The runtime's switch that replays a profile without recording it again (build.sh sets it).</summary>
    public const string ReplayOnlyVariable = "DOTNET_MultiCoreJitNoProfileGather";

    // Held open until the process exits: the lock is what keeps two processes from sharing one profile file.
    private static FileStream? s_lock;

    public static void Start(IReadOnlyList<string> args)
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory) || s_lock is not null)
        {
            return;
        }

        Environment.SetEnvironmentVariable(DirectoryVariable, null);
        var name = ProfileName(args);
        try
        {
            Directory.CreateDirectory(directory);
            // FileShare.None is an exclusive advisory lock (flock) on Unix; a held lock throws at once.
            s_lock = new FileStream(Path.Combine(directory, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return; // Busy or not writable: this run simply starts without the profile.
        }

        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(name + ".jitprofile");
        // build.sh sets this once the command's profile is recorded (replay only). The runtime reads it in
        // StartProfile, so it is cleared only now: a process the host starts must not inherit it.
        Environment.SetEnvironmentVariable(ReplayOnlyVariable, null);
    }

    /// <summary>The command's name, from the raw arguments: its targets, or tree, help or default.</summary>
    internal static string ProfileName(IReadOnlyList<string> args)
    {
        var targets = new List<string>();
        var mode = "default";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if ((arg == "-t" || arg == "--target") && i + 1 < args.Count)
            {
                targets.Add(args[++i]);
            }
            else if (arg.StartsWith("--target=", StringComparison.Ordinal) || arg.StartsWith("-t=", StringComparison.Ordinal))
            {
                targets.Add(arg[(arg.IndexOf('=') + 1)..]);
            }
            else if (arg is "--tree" or "--help" or "--description")
            {
                mode = arg[2..];
            }
            else if (arg == "-h")
            {
                mode = "help";
            }
        }

        var chars = new System.Text.StringBuilder();
        foreach (var c in targets.Count == 0 ? mode : string.Join('+', targets))
        {
            // A name from the command line becomes a file name: only letters, digits, '-' and '+'.
            chars.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '+' ? char.ToLowerInvariant(c) : '_');
            if (chars.Length == 80)
            {
                break;
            }
        }

        return chars.ToString();
    }
}
