namespace ModelRelease;

/// <summary>
/// Where versions, labels, the audit log and task runs are kept. SQLite by default; a shared PostgreSQL for teams.
/// Reading never creates a store and never changes one written by this version of ModelRelease, so a dry run leaves
/// it byte-for-byte as it was; a store written by an older ModelRelease is upgraded on first use.
/// </summary>
public interface IMetadataStore : IDisposable
{
    /// <summary>Where the store is, for messages (a path, or a connection string without its password).</summary>
    string Location { get; }

    /// <summary>Opens a consistent read.</summary>
    IMetadataReader Read();

    /// <summary>Opens an exclusive write transaction, waiting for other writers to finish.</summary>
    IMetadataWriter Write();
}
