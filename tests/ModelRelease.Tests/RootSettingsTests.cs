namespace ModelRelease.Tests;

public sealed class RootSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("modelrelease-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Should_Read_Back_What_It_Saved_Atomically_Into_The_Root()
    {
        // Given settings with a serving path
        var settings = new RootSettings { ServingPath = "/models" };

        // When they are saved twice and read back
        var first = settings.Save(_root);
        var second = settings.Save(_root);

        // Then the second save wrote nothing, and the file holds exactly the setting
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(settings, RootSettings.Load(_root));
        Assert.Equal(["settings.json"], Directory.GetFileSystemEntries(Path.Combine(_root, ".modelrelease")).Select(Path.GetFileName));
    }

    [Fact]
    public void Should_Be_The_Defaults_When_The_Root_Has_No_Settings_File()
    {
        Assert.Null(RootSettings.Load(_root).ServingPath);
        Assert.False(Directory.Exists(Path.Combine(_root, ".modelrelease")));
    }

    [Theory]
    [InlineData("[]", "must be a JSON object, not an array")]
    [InlineData("{\"servingPath\": 5}", "\"servingPath\" must be a string, not the number 5")]
    [InlineData("{\"servingPath\": \"models\"}", "\"servingPath\" 'models' is not an absolute POSIX path")]
    [InlineData("{\"servingPath\": \"/a\", \"servingPath\": \"/b\"}", "key 'servingPath' appears twice")]
    [InlineData("{\"basePath\": \"/models\"}", "unknown key 'basePath'. The keys are: servingPath")]
    [InlineData("{\"servingPath\": ", "is not valid JSON")]
    public void Should_Refuse_A_Settings_File_Naming_The_File_And_The_Key(string json, string message)
    {
        // Given a settings file that is not right
        var file = RootSettings.PathIn(_root);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json);

        // When it is read
        var error = Assert.Throws<RegistryException>(() => RootSettings.Load(_root));

        // Then the error names the file and what is wrong in it
        Assert.Contains(file, error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Should_Refuse_To_Save_Into_A_Root_That_Does_Not_Exist()
    {
        var missing = Path.Combine(_root, "typo");

        var error = Assert.Throws<RegistryException>(() => new RootSettings { ServingPath = "/models" }.Save(missing));

        Assert.Contains($"The serving root {missing} does not exist", error.Message);
        Assert.False(Directory.Exists(missing));
    }
}
