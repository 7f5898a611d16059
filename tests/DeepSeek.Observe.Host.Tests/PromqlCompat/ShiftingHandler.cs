using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>
/// Moves the <c>time=</c> of instant queries sent to one server by a fixed amount: a "platform" whose answers are
/// Prometheus's own, one step off, so the runner has real differences to report.
/// </summary>
internal sealed partial class ShiftingHandler(Uri shifted, long shiftMs) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Port == shifted.Port)
        {
            var query = Time().Replace(uri.Query, m =>
                "time=" + (decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + (shiftMs / 1000m)).ToString(CultureInfo.InvariantCulture));
            request.RequestUri = new UriBuilder(uri) { Query = query.TrimStart('?') }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex(@"time=([0-9.]+)")]
    private static partial Regex Time();
}
