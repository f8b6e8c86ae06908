namespace ModelRelease;

/// <summary>
/// The registry refused a request: a bad name, a missing or unsafe artifact, an unknown version or label, a store
/// newer than this binary. The message names what was wrong and what would be right; nothing was changed.
/// Hosts map it to exit code 1.
/// </summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception with a message that names the problem and the fix.</summary>
    public RegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
