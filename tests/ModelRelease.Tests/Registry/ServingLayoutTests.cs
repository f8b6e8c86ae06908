using ModelRelease.Internal;

namespace ModelRelease.Tests.Registry;

public sealed class ServingLayoutTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Keep_The_Same_Layout_With_Pointer_Files_Where_Symlinks_Are_Not_Allowed()
    {
        // Given the Windows flavour: pointer files instead of symlinks
        var links = new PointerFileServingLinks();
        using var registry = _scenario.Open(links: links);

        // When a version is pushed, labelled, and the label cleared again
        var v1 = registry.Push(_scenario.Request("one")).Version;
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        registry.SetLabel("mnist", LabelNames.Golden, v1.Name);
        registry.ClearLabel("mnist", LabelNames.Golden);

        // Then each entry is a small file naming its target, and the cleared one is gone
        Assert.Equal($"versions/{v1.Name}", links.TargetOf(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        Assert.Equal($"../versions/{v1.Name}", links.TargetOf(_scenario.Layout.ServingPath("mnist", v1.Number)));
        Assert.Null(_scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        Assert.False(Path.Exists(_scenario.Layout.LabelPath("mnist", LabelNames.Golden)));
        Assert.Contains($"value: {v1.Number}", File.ReadAllText(_scenario.Layout.ModelsConfigPath));
    }

    [Fact]
    public void Should_Leave_Files_And_Directories_Someone_Else_Put_In_A_Model_Directory()
    {
        // Given a model directory where someone keeps a notes directory and a README
        var v1 = _scenario.Push("one");
        var notes = Directory.CreateDirectory(Path.Combine(_scenario.Layout.ModelDirectory("mnist"), "notes")).FullName;
        var readme = Path.Combine(_scenario.Layout.ModelDirectory("mnist"), "readme");
        File.WriteAllText(readme, "owned by the data team");

        // When labels move
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);

        // Then their things are untouched
        Assert.True(Directory.Exists(notes));
        Assert.Equal("owned by the data team", File.ReadAllText(readme));
    }

    [Fact]
    public void Should_Refuse_To_Replace_A_Real_Directory_Where_A_Label_Goes()
    {
        var v1 = _scenario.Push("one");
        var squatter = Directory.CreateDirectory(_scenario.Layout.LabelPath("mnist", LabelNames.Golden)).FullName;
        File.WriteAllText(Path.Combine(squatter, "keep.txt"), "data");
        using var registry = _scenario.Open();

        var error = Assert.Throws<IOException>(() => registry.SetLabel("mnist", LabelNames.Golden, v1.Name));

        Assert.Contains("not a serving link", error.Message);
        Assert.Equal("data", File.ReadAllText(Path.Combine(squatter, "keep.txt")));
        Assert.Empty(registry.Labels("mnist"));
    }

    [Fact]
    public void Should_Write_Configs_With_The_Base_Path_Tf_Serving_Sees()
    {
        using var registry = new ModelRegistry(_scenario.Root, new SqliteMetadataStore(_scenario.RegistryPath), new RegistryOptions
        {
            Clock = _scenario.Clock,
            ServingBasePath = "/models",
        });
        var v1 = registry.Push(_scenario.Request("one")).Version;

        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);

        Assert.Contains("base_path: \"/models/mnist/serving\"", File.ReadAllText(_scenario.Layout.ModelsConfigPath));
    }

    [Fact]
    public void Should_Open_A_PostgreSQL_Registry_Without_Connecting_To_It()
    {
        // "db" does not resolve here: opening must not connect (nothing is touched until the first read or write).
        using var registry = ModelRegistry.Open(_scenario.Root, "Host=db;Database=models;Username=ci");

        Assert.IsType<PostgresMetadataStore>(registry.Store);
        Assert.Equal("Host=db;Database=models;Username=ci;Search Path=modelrelease;Application Name=modelrelease", registry.Store.Location);
        Assert.True(MetadataStores.IsConnectionString("postgresql://ci@db/models"));
        Assert.False(MetadataStores.IsConnectionString("/srv/models/registry.db"));
        Assert.IsType<SqliteMetadataStore>(MetadataStores.Open(_scenario.RegistryPath));
    }
}
