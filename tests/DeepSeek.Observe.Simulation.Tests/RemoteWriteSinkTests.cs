using System.Net;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.RemoteWrite;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Simulation.Tests;

public class RemoteWriteSinkTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly Uri s_target = new("http://127.0.0.1:1/api/v1/write");

    private static LabelSet[] Series(int count) =>
        [.. Enumerable.Range(0, count).Select(i => LabelSet.Create([new Label("__name__", "up"), new Label("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]))];

    [Fact]
    public async Task SendStepAsync_BatchesBySeriesPerRequest_EverySampleAcknowledged()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, Concurrency: 2, SeriesPerRequest: 3), Series(10), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[10], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(10, sink.SamplesAcknowledged);
        Assert.Equal(new RemoteWriteFailures(4, 0, 0, 0), sink.Failures);
        Assert.All(handler.Requests, r => Assert.Equal("snappy", Assert.Single(r.Content!.Headers.ContentEncoding)));
    }

    [Fact]
    public async Task SendStepAsync_ServerErrorThenSuccess_RetriedAndAcknowledged()
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => Interlocked.Increment(ref calls) <= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 10, MinBackoff: TimeSpan.FromMilliseconds(1)), Series(5), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[5], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(5, sink.SamplesAcknowledged);
        Assert.Equal(new RemoteWriteFailures(3, 0, 0, 2), sink.Failures);
    }

    [Fact]
    public async Task SendStepAsync_BadRequest_NotRetriedAndCountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 4), Series(6), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[6], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(0, sink.SamplesAcknowledged);
        Assert.Equal(new RemoteWriteFailures(2, 2, 6, 0), sink.Failures);
    }

    [Fact]
    public async Task SendStepAsync_RetriesExhausted_CountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("connection refused"));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 10, MaxAttempts: 3, MinBackoff: TimeSpan.FromMilliseconds(1)), Series(2), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[2], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(new RemoteWriteFailures(3, 1, 2, 2), sink.Failures);
    }

    [Fact]
    public async Task SendStepAsync_TooManyRequestsWithRetryAfter_WaitsThatLong()
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
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 10), Series(1), http, clock);

        var send = sink.SendStepAsync(1000, new double[1], CancellationToken.None);
        await WaitForAsync(() => sink.Failures.Retries == 1);
        clock.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(50);
        var callsBefore = Volatile.Read(ref calls);
        clock.Advance(TimeSpan.FromSeconds(1));
        await send.WaitAsync(s_timeout);

        Assert.Equal(1, callsBefore);
        Assert.Equal(2, calls);
        Assert.Equal(1, sink.SamplesAcknowledged);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached within 30 s");
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.LoadIntoBufferAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(request);
            }

            return respond(request);
        }
    }
}
