using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Api;

public sealed class NotificationApiTests
{
    private const string Config = """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:9/hook
        inhibit_rules:
          - source_matchers: [severity="L1"]
            target_matchers: [severity="L2"]
            equal: [node]
        """;

    [Fact]
    public async Task PostAlerts_Valid_NotifiesWithinASecondAndListsInAlertmanagerShape()
    {
        await using var server = await NotificationApiServer.StartAsync(Config);

        var response = await PostJsonAsync(server, "/api/v2/alerts",
            """[{"labels":{"alertname":"A","node":"n1","severity":"L1"},"annotations":{"summary":"hot"},"generatorURL":"http://observe/graph?g0.expr=up"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notification = await Eventually.ReturnsAsync(
            () => Task.FromResult(server.Outbox.Notifications is [var first, ..] ? first : null), TimeSpan.FromSeconds(2), "a notification");
        Assert.Equal("{}:{alertname=\"A\"}", notification.Message.GroupKey);

        using var alerts = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/alerts"));
        var alert = Assert.Single(alerts.RootElement.EnumerateArray());
        Assert.Equal(
            ["annotations", "endsAt", "fingerprint", "generatorURL", "labels", "receivers", "startsAt", "status", "updatedAt"],
            alert.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("ce69eef311a3cb86", alert.GetProperty("fingerprint").GetString());
        Assert.Equal("hook", alert.GetProperty("receivers")[0].GetProperty("name").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("hot", alert.GetProperty("annotations").GetProperty("summary").GetString());
        await DeleteAsync(server);
    }

    [Theory]
    [InlineData("{bad", "not valid JSON")]
    [InlineData("{}", "expected a JSON array")]
    [InlineData("""[{"labels":{}}]""", "at least one label pair required")]
    [InlineData("""[{"labels":{"1a":"b"}}]""", "invalid label name")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"2026-01-02T00:00:00Z","endsAt":"2026-01-01T00:00:00Z"}]""", "start time must be before end time")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"yesterday"}]""", "RFC 3339")]
    [InlineData("""[{"labels":{"a":"b"}},{"labels":{"a":1}}]""", "alert 1")]
    public async Task PostAlerts_Invalid_Returns400AndKeepsNothing(string body, string expected)
    {
        await using var server = await NotificationApiServer.StartAsync(Config);

        var response = await PostJsonAsync(server, "/api/v2/alerts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadFromJsonAsync<string>(), StringComparison.Ordinal);
        Assert.Equal("[]", await server.Client.GetStringAsync("/api/v2/alerts"));
        await DeleteAsync(server);
    }

    [Fact]
    public async Task Silences_CreateSuppressListExpire_AlertmanagerShapes()
    {
        await using var server = await NotificationApiServer.StartAsync(Config);
        await PostJsonAsync(server, "/api/v2/alerts", """[{"labels":{"alertname":"A","node":"n1"}},{"labels":{"alertname":"B","node":"n1"}}]""");

        var created = await PostJsonAsync(server, "/api/v2/silences", Silence("""[{"name":"alertname","value":"A","isRegex":false}]"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenceID").GetString()!;

        using (var alerts = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/alerts?filter=alertname%3D%22A%22")))
        {
            var status = Assert.Single(alerts.RootElement.EnumerateArray()).GetProperty("status");
            Assert.Equal("suppressed", status.GetProperty("state").GetString());
            Assert.Equal(id, status.GetProperty("silencedBy")[0].GetString());
        }

        using (var unsilenced = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/alerts?silenced=false")))
        {
            Assert.Equal("B", Assert.Single(unsilenced.RootElement.EnumerateArray()).GetProperty("labels").GetProperty("alertname").GetString());
        }

        using (var silence = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v2/silence/{id}")))
        {
            Assert.Equal(
                ["comment", "createdBy", "endsAt", "id", "matchers", "startsAt", "status", "updatedAt"],
                silence.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("active", silence.RootElement.GetProperty("status").GetProperty("state").GetString());
            Assert.True(silence.RootElement.GetProperty("matchers")[0].GetProperty("isEqual").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync($"/api/v2/silence/{id}")).StatusCode);
        using (var list = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/silences")))
        {
            Assert.Equal("expired", Assert.Single(list.RootElement.EnumerateArray()).GetProperty("status").GetProperty("state").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync($"/api/v2/silence/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v2/silence/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/v2/silence/not-a-uuid")).StatusCode);
        await DeleteAsync(server);
    }

    [Theory]
    [InlineData("""[]""", "at least one matcher required")]
    [InlineData("""[{"name":"a","value":".*","isRegex":true}]""", "at least one matcher must not match the empty string")]
    [InlineData("""[{"name":"a","value":"(","isRegex":true}]""", "invalid regular expression")]
    [InlineData("""[{"name":"1a","value":"b"}]""", "invalid label name")]
    public async Task PostSilences_InvalidMatchers_Returns400(string matchers, string expected)
    {
        await using var server = await NotificationApiServer.StartAsync(Config);

        var response = await PostJsonAsync(server, "/api/v2/silences", Silence(matchers));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadFromJsonAsync<string>(), StringComparison.Ordinal);
        Assert.Equal("[]", await server.Client.GetStringAsync("/api/v2/silences"));
        await DeleteAsync(server);
    }

    [Fact]
    public async Task PostSilences_EndBeforeStart_Returns400()
    {
        await using var server = await NotificationApiServer.StartAsync(Config);

        var response = await PostJsonAsync(server, "/api/v2/silences",
            """{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2099-01-02T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"ops","comment":"c"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("start time must be before end time", await response.Content.ReadFromJsonAsync<string>(), StringComparison.Ordinal);
        await DeleteAsync(server);
    }

    [Fact]
    public async Task Silences_SurviveARestart()
    {
        string id, directory;
        await using (var server = await NotificationApiServer.StartAsync(Config))
        {
            directory = server.DataDirectory;
            var created = await PostJsonAsync(server, "/api/v2/silences", Silence("""[{"name":"node","value":"n1"}]"""));
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenceID").GetString()!;
        }

        Assert.True(File.Exists(Path.Combine(directory, "alerting", "silences.json")));
        await using (var restarted = await NotificationApiServer.StartAsync(Config, directory))
        {
            Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync($"/api/v2/silence/{id}")).StatusCode);
            await DeleteAsync(restarted);
        }
    }

    [Fact]
    public async Task GetAlerts_InhibitedFilterAndStatus()
    {
        await using var server = await NotificationApiServer.StartAsync(Config);
        await PostJsonAsync(server, "/api/v2/alerts",
            """[{"labels":{"alertname":"Hot","severity":"L1","node":"n1"}},{"labels":{"alertname":"Slow","severity":"L2","node":"n1"}}]""");

        using var visible = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/alerts?inhibited=false"));
        Assert.Equal("Hot", Assert.Single(visible.RootElement.EnumerateArray()).GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/v2/alerts?filter=%7Bbad")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/v2/alerts?active=maybe")).StatusCode);

        using var status = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/status"));
        Assert.Contains("inhibit_rules", status.RootElement.GetProperty("config").GetProperty("original").GetString(), StringComparison.Ordinal);
        Assert.Equal("[{\"name\":\"hook\"}]", await server.Client.GetStringAsync("/api/v2/receivers"));
        await DeleteAsync(server);
    }

    [Fact]
    public async Task NoConfigFile_AlertsAreKeptAndVisible()
    {
        await using var server = await NotificationApiServer.StartAsync(null);

        await PostJsonAsync(server, "/api/v2/alerts", """[{"labels":{"alertname":"A"}}]""");

        using var alerts = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v2/alerts"));
        Assert.Equal("default", Assert.Single(alerts.RootElement.EnumerateArray()).GetProperty("receivers")[0].GetProperty("name").GetString());
        await DeleteAsync(server);
    }

    private static string Silence(string matchers) =>
        $$"""{"matchers":{{matchers}},"startsAt":"2020-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"ops","comment":"maintenance"}""";

    private static async Task<HttpResponseMessage> PostJsonAsync(NotificationApiServer server, string path, string json) =>
        await server.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static Task DeleteAsync(NotificationApiServer server)
    {
        // Best effort: the directory is under the temporary folder either way.
        try
        {
            Directory.Delete(server.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
