namespace ModelRelease.Tests.Fixtures;

/// <summary>A fact that needs POSIX filesystem features (symlinks without privileges, FIFOs, sockets, modes).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs a POSIX filesystem (symlinks, FIFOs, file modes)";
        }
    }
}
