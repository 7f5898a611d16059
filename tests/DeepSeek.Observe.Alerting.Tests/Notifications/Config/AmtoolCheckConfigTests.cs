using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Config;

/// <summary>
/// Our loader and Alertmanager 0.25's own checker (<c>amtool check-config</c>) agree on which files are valid: the
/// same files are accepted by both and the same mistakes rejected by both.
/// </summary>
public sealed class AmtoolCheckConfigTests
{
    public static TheoryData<string, bool> Files => new()
    {
        { NotificationConfigTests.Full, true },
        { "route: {receiver: a}\nreceivers: [{name: a}]", true },
        { "route: {receiver: a, routes: [{matchers: ['x=y'], group_by: ['...']}]}\nreceivers: [{name: a}]", true },
        { "route: {receiver: nope}\nreceivers: [{name: a}]", false },
        { "route: {receiver: a}\nreceivers: [{name: a}, {name: a}]", false },
        { "route: {receiver: a, routes: [{matchers: ['a=~\"(\"']}]}\nreceivers: [{name: a}]", false },
        { "route: {receiver: a, matchers: ['a=b']}\nreceivers: [{name: a}]", false },
        { "route: {receiver: a, group_by: ['...', b]}\nreceivers: [{name: a}]", false },
        { "route: {receiver: a, group_interval: 0s}\nreceivers: [{name: a}]", false },
        { "route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{send_resolved: true}]}]", false },
        { "route: {receiver: a, recevier: b}\nreceivers: [{name: a}]", false },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Load_AgreesWithAmtool(string yaml, bool valid)
    {
        var path = Path.Combine(Path.GetTempPath(), $"am-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, yaml);
        try
        {
            var (exitCode, stdout, stderr) = await ChildProcess.RunAsync("amtool", ["check-config", path], TimeSpan.FromSeconds(30));
            var ours = Record.Exception(() => NotificationConfig.Load(path));

            Assert.True(valid == (exitCode == 0), $"amtool exit {exitCode}: {stdout} {stderr}");
            Assert.True(valid == (ours is null), ours?.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
