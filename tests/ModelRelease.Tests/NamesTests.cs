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
}
