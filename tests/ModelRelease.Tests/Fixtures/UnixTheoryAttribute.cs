namespace ModelRelease.Tests.Fixtures;

/// <summary>A theory that needs POSIX filesystem features (names with control characters, symlinks, FIFOs).</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs a POSIX filesystem";
        }
    }
}
