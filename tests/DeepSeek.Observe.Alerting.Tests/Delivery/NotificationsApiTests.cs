using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class NotificationsApiTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _client = new();
    private WebApplication _app = null!;
    private WebhookReceiver _receiver = null!;

    private DurableNotificationOutbox Outbox => _app.Services.GetRequiredService<DurableNotificationOutbox>();

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["Storage:DataDirectory"] = _directory.Path;
        builder.Services.AddSingleton<TimeProvider>(_time).AddNotificationDelivery(builder.Configuration);

        // The test drives delivery itself, on the fake clock.
        builder.Services.AddSingleton<WebhookDeliveryWorker>();
        var hosted = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(WebhookDeliveryWorker));
        builder.Services.Remove(hosted);
        _app = builder.Build();
        _app.MapNotificationDeliveryApi();
        await _app.StartAsync();
        _client.BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose()
    {
        _client.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task DeadLetters_AfterTenFailures_ListedAndRetryRedrivesIt()
    {
        _receiver.Respond = _ => 500;
        var worker = _app.Services.GetRequiredService<WebhookDeliveryWorker>();
        await Outbox.EnqueueAsync(DeliveryFixture.Notification(new Uri(_receiver.Url + "?token=s3cret"), "k"), CancellationToken.None);
        while (Outbox.NextDueAt() is { } next)
        {
            _time.SetUtcNow(next);
            await worker.DeliverDueAsync(CancellationToken.None);
        }

        using var dead = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/notifications/dead-letters"));
        var letter = Assert.Single(dead.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("dead-lettered", letter.GetProperty("state").GetString());
        Assert.Equal(10, letter.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500 Internal Server Error", letter.GetProperty("lastError").GetString());
        Assert.Equal(_receiver.Url.ToString(), letter.GetProperty("url").GetString());
        var id = letter.GetProperty("id").GetString();

        _receiver.Respond = _ => 200;
        using var retry = await _client.PostAsync($"/api/v1/notifications/dead-letters/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await worker.DeliverDueAsync(CancellationToken.None);

        using var all = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/notifications?state=delivered"));
        Assert.Equal(id, Assert.Single(all.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        using var none = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/notifications/dead-letters"));
        Assert.Empty(none.RootElement.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Retry_UnknownId_Is404AndChangesNothing()
    {
        await Outbox.EnqueueAsync(DeliveryFixture.Notification(_receiver.Url, "k"), CancellationToken.None);
        var pending = Outbox.Snapshot().Single();

        using var unknown = await _client.PostAsync("/api/v1/notifications/dead-letters/nope/retry", null);
        using var notDead = await _client.PostAsync($"/api/v1/notifications/dead-letters/{pending.Id}/retry", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notDead.StatusCode);
        Assert.Contains("no dead letter", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(pending, Outbox.Snapshot().Single());
    }

    [Fact]
    public async Task List_BadState_Is400()
    {
        using var response = await _client.GetAsync("/api/v1/notifications?state=lost");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_Pending_ShowsScheduleAndKey()
    {
        await Outbox.EnqueueAsync(DeliveryFixture.Notification(_receiver.Url, "group-9/oncall/0"), CancellationToken.None);

        using var body = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/notifications"));

        var item = Assert.Single(body.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("pending", item.GetProperty("state").GetString());
        Assert.Equal("group-9/oncall/0", item.GetProperty("idempotencyKey").GetString());
        Assert.Equal(_time.GetUtcNow(), item.GetProperty("nextAttemptAt").GetDateTimeOffset());
    }
}
