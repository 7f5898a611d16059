using DeepSeek.Observe.Alerting.RuleTests;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

public sealed class RuleFileGlobTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rule-glob-").FullName;

    public RuleFileGlobTests()
    {
        foreach (var name in new[] { "b.yml", "a.yml", "c.yaml", "a.ymlx" })
        {
            File.WriteAllText(Path.Combine(_directory, name), "groups: []");
        }

        Directory.CreateDirectory(Path.Combine(_directory, "sub"));
        File.WriteAllText(Path.Combine(_directory, "sub", "d.yml"), "groups: []");
    }

    [Fact]
    public void Expand_Star_MatchesWithinOneSegmentSorted()
    {
        var files = RuleFileGlob.Expand(Path.Combine(_directory, "*.yml"));

        Assert.Equal([Path.Combine(_directory, "a.yml"), Path.Combine(_directory, "b.yml")], files);
    }

    [Fact]
    public void Expand_ClassAndQuestionMark_Match()
    {
        Assert.Equal([Path.Combine(_directory, "b.yml")], RuleFileGlob.Expand(Path.Combine(_directory, "[b-c].yml")));
        Assert.Equal([Path.Combine(_directory, "c.yaml")], RuleFileGlob.Expand(Path.Combine(_directory, "?.yaml")));
    }

    [Fact]
    public void Expand_WildcardDirectory_Matches()
    {
        Assert.Equal([Path.Combine(_directory, "sub", "d.yml")], RuleFileGlob.Expand(Path.Combine(_directory, "s*", "*.yml")));
    }

    [Fact]
    public void Expand_NoMatchOrMissingFile_IsEmpty()
    {
        Assert.Empty(RuleFileGlob.Expand(Path.Combine(_directory, "*.json")));
        Assert.Empty(RuleFileGlob.Expand(Path.Combine(_directory, "missing.yml")));
        Assert.Single(RuleFileGlob.Expand(Path.Combine(_directory, "a.yml")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
