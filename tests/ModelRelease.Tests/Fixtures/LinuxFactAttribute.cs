namespace ModelRelease.Tests.Fixtures;

/// <summary>A fact that needs Linux itself (statx, GNU find as an independent oracle).</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux";
        }
    }
}
