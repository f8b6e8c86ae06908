using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>./build.sh -t Pack in a fresh copy: what the packages in .build/packages carry and declare.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackTests(PackedPackagesFixture packages)
{
    [Fact]
    public void Should_Pack_The_Three_Libraries_And_The_Template_And_Nothing_Else()
    {
        // Given a copy of the repository; When ./build.sh -t Pack --package-version=<new> runs
        packages.EnsurePacked();

        // Then .build/packages holds exactly the four packages of that version (build/, bench and tests never pack)
        var made = Directory.EnumerateFiles(packages.Feed, $"*.{packages.Version}.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(PackedPackagesFixture.Ids.Select(id => $"{id}.{packages.Version}.nupkg").Order(StringComparer.Ordinal), made);
        Assert.Contains("Packages in", packages.Pack.StdOut);
    }

    [Theory]
    [InlineData("ModelRelease")]
    [InlineData("ModelRelease.Cake")]
    [InlineData("ModelRelease.Pipelines")]
    public void Should_Ship_Each_Library_With_Its_Xml_Docs_Readme_Licence_And_Repository(string id)
    {
        packages.EnsurePacked();

        using var package = ZipFile.OpenRead(packages.PathOf(id));
        var files = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var metadata = Metadata(package, id);

        Assert.Contains($"lib/net10.0/{id}.dll", files);
        Assert.Contains($"lib/net10.0/{id}.xml", files);
        Assert.True(package.GetEntry($"lib/net10.0/{id}.xml")!.Length > 1000, $"{id}.xml should document the public surface.");
        Assert.Contains("README.md", files);
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal(packages.Version, Value(metadata, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
        Assert.Contains("mlops", Value(metadata, "tags"));
        Assert.StartsWith("https://", Value(metadata, "projectUrl"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value);
    }

    [Fact]
    public void Should_Carry_Cake_Core_And_Cake_Common_With_Their_Licence_In_ModelRelease_Cake()
    {
        packages.EnsurePacked();

        using var cake = ZipFile.OpenRead(packages.PathOf("ModelRelease.Cake"));
        var files = cake.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        // Cake.Core and Cake.Common are served by no feed here: they travel beside ModelRelease.Cake.dll, so a
        // consumer compiles against them and gets them in its output with no other reference.
        foreach (var assembly in new[] { "Cake.Core", "Cake.Common" })
        {
            Assert.Contains($"lib/net10.0/{assembly}.dll", files);
            Assert.Contains($"lib/net10.0/{assembly}.xml", files);
        }

        using (var reader = new StreamReader(cake.GetEntry("THIRD-PARTY-NOTICES.md")!.Open()))
        {
            var notices = reader.ReadToEnd();
            Assert.Contains("Cake.Core.dll", notices);
            Assert.Contains("The MIT License", notices);
            Assert.Contains("Copyright (c) .NET Foundation and Contributors", notices);
        }

        var dependencies = Dependencies(Metadata(cake, "ModelRelease.Cake"));
        Assert.Equal(packages.Version, dependencies["ModelRelease"]);
        Assert.Contains("Spectre.Console", dependencies.Keys);
        Assert.Contains("Microsoft.IdentityModel.JsonWebTokens", dependencies.Keys); // Cake.Common's own dependency
        Assert.DoesNotContain(dependencies.Keys, d => d.StartsWith("Cake", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(dependencies.Keys, d => d.Equals("cake.tool", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Should_Make_Pipelines_Depend_On_The_Packed_Cake_Layer_And_Core_At_The_Same_Version()
    {
        packages.EnsurePacked();

        using var pipelines = ZipFile.OpenRead(packages.PathOf("ModelRelease.Pipelines"));
        var dependencies = Dependencies(Metadata(pipelines, "ModelRelease.Pipelines"));

        Assert.Equal(packages.Version, dependencies["ModelRelease.Cake"]);
        Assert.Equal(packages.Version, dependencies["ModelRelease"]);
        Assert.DoesNotContain(pipelines.Entries, e => e.Name.StartsWith("Cake.", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Pack_The_Template_With_Its_Dot_Files_The_Sample_Model_And_The_Packed_Version()
    {
        packages.EnsurePacked();

        using var templates = ZipFile.OpenRead(packages.PathOf("ModelRelease.Templates"));
        var files = templates.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var metadata = Metadata(templates, "ModelRelease.Templates");

        Assert.Equal("Template", metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
        const string Content = "content/modelrelease-pipeline/";
        foreach (var file in new[]
                 {
                     ".template.config/template.json", ".gitignore", ".github/workflows/model-release.yml", "build.sh", "build.ps1",
                     "nuget.config", "global.json", "README.md", "build/Build.csproj", "build/Program.cs", "build/TeamContext.cs",
                     "build/Tasks/SmokeTestTask.cs", "build/Tasks/NotifyTask.cs", "models/sentiment/model/saved_model.pbtxt",
                     "models/sentiment/metrics.json", "models/sentiment/hyperparameters.json", "models/sentiment/policy.json",
                 })
        {
            Assert.Contains(Content + file, files);
        }

        Assert.DoesNotContain(files, f => f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
        using var reader = new StreamReader(templates.GetEntry(Content + ".template.config/template.json")!.Open());
        Assert.Contains($"\"defaultValue\": \"{packages.Version}\"", reader.ReadToEnd());
    }

    [Fact]
    public void Should_Print_The_Pack_Commands_In_A_Dry_Run_And_Pack_Nothing()
    {
        packages.EnsurePacked(); // the Pack run built the copy's host
        var copy = packages.Copy;
        const string Version = "9.9.9-dryrun";

        var rehearsal = copy.Run("--target=Pack", $"--package-version={Version}", "--dryrun");

        Assert.True(rehearsal.ExitCode == 0, rehearsal.ToString());
        // The console wraps long lines at its width; compare the text with its line breaks folded into spaces.
        var printed = Regex.Replace(rehearsal.StdOut, @"\s+", " ");
        foreach (var project in new[]
                 {
                     "src/ModelRelease/ModelRelease.csproj", "src/ModelRelease.Cake/ModelRelease.Cake.csproj",
                     "src/ModelRelease.Onnx/ModelRelease.Onnx.csproj", "src/ModelRelease.Serving/ModelRelease.Serving.csproj",
                     "pipelines/ModelRelease.Pipelines/ModelRelease.Pipelines.csproj", "templates/ModelRelease.Templates.csproj",
                 })
        {
            Assert.Contains(
                $"would run dotnet pack {copy.PathOf(project)} --configuration Release --output {copy.PathOf(".build/packages")} -p:Version={Version}",
                printed);
        }

        var packagesFolder = copy.PathOf(".build/packages");
        Assert.False(Directory.Exists(packagesFolder) && Directory.EnumerateFiles(packagesFolder, $"*{Version}*").Any(), "A dry run must pack nothing.");
    }

    [Fact]
    public void Should_Refuse_A_Malformed_Package_Version_As_A_Usage_Error()
    {
        packages.EnsurePacked(); // the Pack run built the copy's host

        var result = packages.Copy.Run("--target=Pack", "--package-version=1.0", "--dryrun");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--package-version: '1.0' is not a package version", result.StdErr);
    }

    private static XElement Metadata(ZipArchive package, string id)
    {
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

    private static Dictionary<string, string> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value, StringComparer.Ordinal);
}
