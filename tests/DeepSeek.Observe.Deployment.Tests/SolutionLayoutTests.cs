using System.Text.RegularExpressions;
using System.Xml.Linq;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>The layout rules of DESIGN.md, checked so they cannot erode quietly.</summary>
public partial class SolutionLayoutTests
{
    private static readonly string[] s_projectRoots = ["src", "tests", "migrations", "runtime", "bench"];

    [Fact]
    public void Solution_ListsEveryProjectInTheRepository()
    {
        var listed = ProjectPathRegex().Matches(File.ReadAllText(RepositoryLayout.PathOf("DeepSeek.Observe.sln")))
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);

        var onDisk = s_projectRoots
            .Where(root => Directory.Exists(RepositoryLayout.PathOf(root)))
            .SelectMany(root => Directory.EnumerateFiles(RepositoryLayout.PathOf(root), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryLayout.Root, path).Replace('\\', '/'))
            .ToList();

        Assert.NotEmpty(onDisk);
        Assert.All(onDisk, project => Assert.Contains(project, listed));
    }

    [Fact]
    public void EveryComponent_HasAMirrorTestProject()
    {
        var components = Directory.EnumerateDirectories(RepositoryLayout.PathOf("src"), "DeepSeek.Observe.*").Select(Path.GetFileName);

        Assert.All(components, component =>
            Assert.True(File.Exists(RepositoryLayout.PathOf("tests", $"{component}.Tests", $"{component}.Tests.csproj")),
                $"{component} has no tests/{component}.Tests project"));
    }

    [Fact]
    public void Dependencies_PointFromHostThroughComponentsToCore()
    {
        foreach (var project in Directory.EnumerateFiles(RepositoryLayout.PathOf("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var references = ProjectReferences(project);
            switch (name)
            {
                case "DeepSeek.Observe.Core":
                    Assert.Empty(references);
                    Assert.Empty(XDocument.Load(project).Descendants("PackageReference"));
                    break;
                case "DeepSeek.Observe.Host":
                    break;
                default:
                    // A component may build on Core only: components meet through messages and APIs, not references.
                    Assert.All(references, reference => Assert.Equal("DeepSeek.Observe.Core", reference));
                    break;
            }
        }
    }

    [Fact]
    public void Runtime_SharesNoCodeWithThePlatform()
    {
        var runtime = RepositoryLayout.PathOf("runtime");
        var projects = Directory.Exists(runtime)
            ? Directory.EnumerateFiles(runtime, "*.csproj", SearchOption.AllDirectories)
            : [];

        Assert.All(projects, project => Assert.All(
            ProjectReferences(project), reference => Assert.False(reference.StartsWith("DeepSeek.Observe.", StringComparison.Ordinal),
                $"{project} references {reference}")));
    }

    private static List<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    [GeneratedRegex("""Project\("\{[^}]+\}"\) = "[^"]+", "([^"]+\.csproj)""")]
    private static partial Regex ProjectPathRegex();
}
