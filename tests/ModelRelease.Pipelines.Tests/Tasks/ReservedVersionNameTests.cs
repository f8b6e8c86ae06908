using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Push refuses a version name that --to or --label would read as something else, before anything is written.</summary>
public abstract class ReservedVersionNameTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected ReservedVersionNameTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("golden")]
    [InlineData("Previous")]
    [InlineData("STABLE")]
    [InlineData("canary")]
    public void Should_Refuse_To_Push_A_Version_Named_After_A_Label_Or_Rollback_Word_With_Exit_2(string name)
    {
        // Given a registry with a stable version
        _host.StableV1Then();
        var before = _host.Snapshot();

        // When a push asks for a version named like a word --to or --label reads
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.9, 50), $"--version={name}");

        // Then it is a usage error naming the word and a free name, and neither the root nor the store changed (no verdict either)
        run.AssertExit(2);
        Assert.Contains($"--version: version name '{name}' is reserved", run.Error, StringComparison.Ordinal);
        Assert.Contains($"e.g. {name.ToLowerInvariant()}-v2 or sentiment-v1.2.3", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Reserved_Version_Name_On_A_Fresh_Root_And_Create_Nothing()
    {
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", "--skip-validation", "--reason=hotfix", "--version=golden");

        run.AssertExit(2);
        Assert.Contains("'golden' is reserved", run.Error, StringComparison.Ordinal);
        Assert.Equal(_host.NothingCreated, _host.Snapshot());
    }

    [Fact]
    public void Should_Still_Accept_A_Reserved_Word_For_Tasks_That_Read_An_Existing_Version()
    {
        // Given a model without a version named golden
        _host.StableV1Then();

        // When Label names "golden" as the version: it is looked up, not created
        var run = _host.Run("--target=Label", "--model=mnist", "--label=champion", "--version=golden");

        // Then the answer is that no such version exists (exit 1), not that the word is reserved
        run.AssertExit(1);
        Assert.Contains("no version 'golden'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("reserved", run.Error, StringComparison.Ordinal);
    }
}
