using DeepSeek.Observe.Host.Bench.PromqlCompat;
using Xunit.Abstractions;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>
/// The compatibility suite against the platform, as a ratchet: every evaluation's PASS/FAIL is printed, and at least
/// <see cref="MinimumPassed"/> must pass — the count at the last change to the engine, so any regression fails here.
/// Raise it whenever the engine passes more.
/// </summary>
public sealed class PromqlCompatPlatformTests(PlatformCompatFixture fixture, ITestOutputHelper output) : IClassFixture<PlatformCompatFixture>
{
    private const int MinimumPassed = 613;
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Suite_AgainstThePlatform_PassesAtLeastTheRatchet()
    {
        var queries = CompatQueryFile.Parse(CompatQueryFile.Embedded());
        using var writer = new StringWriter();

        var outcomes = await new CompatRunner(fixture.Http, fixture.Prometheus.Url, fixture.Platform.Url, fixture.DataSet.StartMs, writer)
            .RunAsync(queries, CancellationToken.None).WaitAsync(s_timeout);

        output.WriteLine(writer.ToString());
        var passed = outcomes.Count(o => o.Passed);
        Assert.True(passed >= MinimumPassed, $"{passed} evaluations passed, fewer than the ratchet's {MinimumPassed}");
    }
}
