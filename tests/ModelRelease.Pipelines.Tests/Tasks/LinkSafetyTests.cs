using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Links a user made inside the root never lead clean-up to a registered version's files.</summary>
public abstract class LinkSafetyTests : IDisposable
{
    private const string CraftedEntry =
        """{"Id":"20200101000000-999999-crafted","Operation":"push","Model":"alias","Pid":999999,"ProcessStart":0,"Host":"elsewhere","StartedAt":"2020-01-01T00:00:00+00:00","Creates":["alias/versions/v1"],"Removes":[]}""";

    private readonly ReleaseHost _host;

    protected LinkSafetyTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        _host.StableV1Then("v2");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Not_Reach_Through_A_Users_Links_To_The_Models_Versions()
    {
        // Given a user's mirror whose versions/ is a link to the model's, and an alias of the model directory named by
        // a journal entry of a gone process as if a push had created alias/versions/v1
        Directory.CreateDirectory(Path.Combine(_host.Root, "mirror"));
        File.CreateSymbolicLink(Path.Combine(_host.Root, "mirror", "versions"), "../mnist/versions");
        File.CreateSymbolicLink(Path.Combine(_host.Root, "alias"), "mnist");
        var journal = Path.Combine(_host.Root, ".modelrelease", "journal");
        Directory.CreateDirectory(journal);
        File.WriteAllText(Path.Combine(journal, "20200101000000-999999-crafted.json"), CraftedEntry);

        // When changes and a repair run
        _host.Do("Label", "--label=golden", "--version=v2");
        _host.Run("--target=Verify", "--repair").AssertExit(0);

        // Then every registered version keeps its files, and the user's links stay
        Assert.True(File.Exists(Path.Combine(_host.Root, "mnist", "versions", "v1", "saved_model.pb")));
        Assert.True(File.Exists(Path.Combine(_host.Root, "mnist", "versions", "v2", "saved_model.pb")));
        Assert.NotNull(new FileInfo(Path.Combine(_host.Root, "mirror", "versions")).LinkTarget);
        Assert.NotNull(new FileInfo(Path.Combine(_host.Root, "alias")).LinkTarget);
        Assert.False(Directory.Exists(Path.Combine(_host.Root, ".modelrelease", "quarantine")));
    }
}
