using ModelRelease.Tests.Fixtures;
using static ModelRelease.Tests.Fixtures.DatasetFixture;

namespace ModelRelease.Tests;

public sealed class DvcRecordTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Use_The_Md5_From_The_Dvc_File_Beside_A_Directory()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("data.dvc", $"outs:\n- md5: {DirMd5}\n  size: 3\n  nfiles: 1\n  hash: md5\n  path: data\n");

        var version = DatasetVersionResolver.Resolve(null, data + Path.DirectorySeparatorChar);

        Assert.Equal(new DatasetVersion("md5:" + DirMd5, DatasetVersionSource.Dvc), version);
    }

    [Fact]
    public void Should_Use_The_Md5_From_The_Dvc_File_Beside_A_Single_File()
    {
        var file = _temp.WriteFile("train.csv", "1,2");
        _temp.WriteFile("train.csv.dvc", $"outs:\n- md5: {FileMd5}\n  path: train.csv\n");

        Assert.Equal(new DatasetVersion("md5:" + FileMd5, DatasetVersionSource.Dvc), DatasetVersionResolver.Resolve(null, file));
    }

    [Fact]
    public void Should_Use_Dvc_Lock_In_An_Ancestor_Matching_Outs_Only()
    {
        // A repository root with dvc.lock; the dataset is a stage's output two levels down, listed with "./".
        // Another stage reads the same path as a dep with an older md5, which must not count.
        var data = WriteDataset("project/data/prepared/images", ("0001.png", "png"));
        _temp.CreateDirectory("project/.git");
        _temp.WriteFile("project/dvc.lock", $"""
            schema: '2.0'
            stages:
              train:
                cmd: python train.py
                deps:
                - path: data/prepared/images
                  md5: 00000000000000000000000000000000.dir
                outs:
                - path: models/model.pt
                  md5: {FileMd5}
              prepare:
                cmd: python prepare.py
                deps:
                - path: data/raw
                  md5: 11111111111111111111111111111111.dir
                outs:
                - path: ./data/prepared/images
                  md5: {DirMd5}
                  size: 3
                  nfiles: 1
            """);

        var version = DatasetVersionResolver.Resolve(null, Path.Combine(data, "..", "images"));

        Assert.Equal(new DatasetVersion("md5:" + DirMd5, DatasetVersionSource.Dvc), version);
    }

    [Fact]
    public void Should_Not_Read_A_Dvc_Lock_Above_The_Repository_Root()
    {
        var data = WriteDataset("outer/project/data", ("a.csv", "1,2"));
        _temp.CreateDirectory("outer/project/.git");
        _temp.WriteFile("outer/dvc.lock", $"stages:\n  s:\n    outs:\n    - path: project/data\n      md5: {DirMd5}\n");

        var version = DatasetVersionResolver.Resolve(null, data);

        Assert.Equal(new DatasetVersion(Fingerprint(("a.csv", "1,2")), DatasetVersionSource.Fingerprint), version);
    }

    [Fact]
    public void Should_Fall_Back_To_A_Fingerprint_When_Dvc_Lock_Does_Not_List_The_Dataset()
    {
        var data = WriteDataset("data/images", ("a.png", "png"));
        _temp.WriteFile("dvc.lock", $"stages:\n  s:\n    deps:\n    - path: data/images\n      md5: {DirMd5}\n    outs:\n    - path: data/other\n      md5: {DirMd5}\n");

        var version = DatasetVersionResolver.Resolve(null, data);

        Assert.Equal(new DatasetVersion(Fingerprint(("a.png", "png")), DatasetVersionSource.Fingerprint), version);
    }

    [Fact]
    public void Should_Fall_Back_To_A_Fingerprint_When_The_Dvc_Out_Has_No_Md5()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("data.dvc", "outs:\n- path: data\n  cloud:\n    s3:\n      etag: abc\n");

        Assert.Equal(DatasetVersionSource.Fingerprint, DatasetVersionResolver.Resolve(null, data).Source);
    }

    [Fact]
    public void Should_Fall_Back_To_A_Fingerprint_When_Dvc_Lock_Is_Empty()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("dvc.lock", "");

        Assert.Equal(DatasetVersionSource.Fingerprint, DatasetVersionResolver.Resolve(null, data).Source);
    }

    [Theory]
    [InlineData("stages: [unclosed", "did not find expected ',' or ']' (line")]
    [InlineData("stages:\n  s:\n    outs:\n    - path: data\n  s:\n    outs: []\n", "is not valid YAML: Duplicate key s (line 5)")]
    [InlineData("- just\n- a list\n", "the top level is not a mapping (line 1)")]
    [InlineData("stages:\n- s\n", "'stages' is not a mapping of stage names (line 2)")]
    [InlineData("stages:\n  s: run it\n", "stage 's' is not a mapping (line 2)")]
    [InlineData("stages:\n  s:\n    outs: data\n", "'outs' is not a list (line 3)")]
    [InlineData("stages:\n  s:\n    outs:\n    - md5: x\n", "an entry of 'outs' has no 'path' (line 4)")]
    [InlineData("stages:\n  s:\n    outs:\n    - path: data\n      md5: not-a-hash\n", "md5 'not-a-hash' of 'data' is not 32 hex digits")]
    public void Should_Refuse_A_Malformed_Dvc_Lock_Naming_It(string yaml, string expected)
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var lockFile = _temp.WriteFile("dvc.lock", yaml);

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.StartsWith($"DVC file '{lockFile}' is not valid", exception.Message);
        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Malformed_Dvc_File_Naming_It()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var dvcFile = _temp.WriteFile("data.dvc", "outs:\n- md5: {oops\n  path: data\n");

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.Equal(
            $"DVC file '{dvcFile}' is not valid YAML: the YAML parser could not read it (an unclosed bracket or quote?). Fix or regenerate it (dvc commit), or pass --dataset-version=<version>.",
            exception.Message);
    }

    private string WriteDataset(string relative, params (string Path, string Content)[] files) => DatasetFixture.WriteDataset(_temp, relative, files);
}
