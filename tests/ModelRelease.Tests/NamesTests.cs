namespace ModelRelease.Tests;

public sealed class NamesTests
{
    [Theory]
    [InlineData("mnist")]
    [InlineData("fraud-detector_2")]
    [InlineData("resnet50.v2")]
    [InlineData("0model")]
    public void Should_Accept_Valid_Model_Names(string name)
    {
        Assert.Null(Names.ModelProblem(name));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("MNIST", "lower-case")]
    [InlineData("-mnist", "starting with a letter or digit")]
    [InlineData("a/b", "not valid")]
    [InlineData("a\\b", "not valid")]
    [InlineData("..", "not valid")]
    [InlineData("a b", "not valid")]
    [InlineData("bad\u0007bell", "\\u0007")]
    public void Should_Refuse_Invalid_Model_Names_Saying_Why(string? name, string expected)
    {
        Assert.Contains(expected, Names.ModelProblem(name));
    }

    [Fact]
    public void Should_Refuse_A_Model_Name_Over_64_Characters()
    {
        Assert.Null(Names.ModelProblem(new string('a', 64)));
        Assert.Contains("65 characters long; the limit is 64", Names.ModelProblem(new string('a', 65)));
    }

    [Theory]
    [InlineData("v-20260101-120000")]
    [InlineData("segmentation-v1.2.3")]
    [InlineData("Release_7")]
    public void Should_Accept_Valid_Version_Names(string name)
    {
        Assert.Null(Names.VersionProblem(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1/../../etc")]
    [InlineData("v1..2")]
    [InlineData(".hidden")]
    [InlineData("v1\n")]
    public void Should_Refuse_Invalid_Version_Names(string name)
    {
        Assert.NotNull(Names.VersionProblem(name));
    }

    [Theory]
    [InlineData("models.config")]
    [InlineData("routing.json")]
    [InlineData("registry.db")]
    [InlineData("registry.db-wal")]
    public void Should_Reserve_The_Names_Of_The_Files_Beside_The_Model_Directories(string name) =>
        Assert.Contains("is reserved", Names.ModelProblem(name), StringComparison.Ordinal);

    [Theory]
    [InlineData("golden")]
    [InlineData("previous")]
    [InlineData("stable")]
    [InlineData("canary")]
    [InlineData("Golden")]
    [InlineData("PREVIOUS")]
    [InlineData("sTaBlE")]
    public void Should_Refuse_The_Words_To_And_Label_Read_As_A_New_Version_Name_In_Any_Case(string name)
    {
        // Given a word --to or --label gives meaning to
        // When it is checked as the name of a new version
        var problem = Names.NewVersionProblem(name);

        // Then it is refused, naming the word and suggesting names that are free
        Assert.NotNull(problem);
        Assert.Contains($"'{name}' is reserved", problem, StringComparison.Ordinal);
        Assert.Contains("sentiment-v1.2.3", problem, StringComparison.Ordinal);
        Assert.Contains($"{name.ToLowerInvariant()}-v2", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("golden-v2")]
    [InlineData("stable.1")]
    [InlineData("previous2")]
    [InlineData("v-20260101-120000")]
    public void Should_Accept_A_New_Version_Name_That_Only_Contains_A_Reserved_Word(string name)
    {
        Assert.Null(Names.NewVersionProblem(name));
    }

    [Fact]
    public void Should_Still_Accept_A_Reserved_Word_As_The_Name_Of_An_Existing_Version()
    {
        // An old store may hold a version named so; reading it by name must keep working.
        Assert.Null(Names.VersionProblem("golden"));
    }

    [Fact]
    public void Should_Report_A_Malformed_Name_Before_Looking_For_A_Reserved_Word()
    {
        Assert.Equal(Names.VersionProblem("golden/x"), Names.NewVersionProblem("golden/x"));
    }
}
