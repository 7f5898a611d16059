using System.Net;
using DeepSeek.Observe.Simulation.Internal;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Simulation.Tests;

/// <summary>The retry loop both simulator sinks share; the sinks' own tests cover how they count what it returns.</summary>
public class RetryingPostTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly Uri s_url = new("http://127.0.0.1:1/");
    private static readonly RetrySettings s_retry = new(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsThatLong()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        var handler = new ScriptedHandler(_ =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }

            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        using var http = new HttpClient(handler);
        var post = new RetryingPost(http, s_url, s_retry, clock);

        var send = post.SendAsync(() => new ByteArrayContent([1]), (_, _) => Task.CompletedTask, CancellationToken.None);
        await ScriptedHandler.WaitForAsync(() => post.Retries == 1);
        clock.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(50);
        var callsBefore = Volatile.Read(ref calls);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await send.WaitAsync(s_timeout));
        Assert.Equal(1, callsBefore);
        Assert.Equal(2, calls);
        Assert.Equal(2, post.Requests);
    }

    [Fact]
    public async Task SendAsync_RetryAfterBeyondTheCap_WaitsOnlyTheCap()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        var handler = new ScriptedHandler(_ =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }

            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromDays(1));
            return response;
        });
        using var http = new HttpClient(handler);
        var post = new RetryingPost(http, s_url, s_retry with { LongestRetryAfter = TimeSpan.FromSeconds(3) }, clock);

        var send = post.SendAsync(() => new ByteArrayContent([1]), (_, _) => Task.CompletedTask, CancellationToken.None);
        await ScriptedHandler.WaitForAsync(() => post.Retries == 1);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await send.WaitAsync(s_timeout));
        Assert.Equal(2, calls);
    }
}
