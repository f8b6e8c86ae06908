using Cake.Core;

namespace ModelRelease.Cake.Tests.Fixtures;

/// <summary>
/// Records what tasks and hooks ran. Tasks are created by the host, so they reach the journal through the
/// context's data: each test gets its own <see cref="JournalContext"/> with its own journal.
/// </summary>
public sealed class Journal
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}

/// <summary>A context that carries a journal, keyed by the --journal argument so parallel tests never share one.</summary>
[TaskArgument("journal", "test journal key")]
public sealed class JournalContext : PipelineContext
{
    private static readonly Dictionary<string, Journal> Journals = [];

    public JournalContext(ICakeContext context)
        : base(context)
    {
        Journal = Find(ReadText("journal") ?? throw new InvalidOperationException("tests must pass --journal"));

        Count = ReadInt32("count", 1, 1, 10);
        Flag = ReadFlag("flag");
        Mode = ReadChoice("mode", "table", "table", "json");
    }

    public Journal Journal { get; }

    public int Count { get; }

    public bool Flag { get; }

    public string Mode { get; }

    /// <summary>The journal <paramref name="key"/> selects, for other test contexts.</summary>
    public static Journal Find(string key)
    {
        lock (Journals)
        {
            return Journals[key];
        }
    }

    /// <summary>A new journal and the argument that selects it.</summary>
    public static (Journal Journal, string Argument) Open()
    {
        var key = Guid.NewGuid().ToString("N");
        var journal = new Journal();
        lock (Journals)
        {
            Journals[key] = journal;
        }

        return (journal, "--journal=" + key);
    }
}
